import type { Clock } from '../clock.js';
import { pastRetention } from '../domain/retention.js';
import { PAGES } from '../domain/status.js';
import type { Logger } from '../log.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { FileStore } from '../store/file-store.js';
import { PeriodicScanner, PeriodicTask } from './periodic-task.js';

/**
 * RETENTION_CLOSED: deletes closed deals past the retention period, with their index entries and files. Any number
 * of instances may scan: each deletion is a compare-and-delete of the deal as read, so one instance
 * deletes it and the others find it gone.
 */
export class RetentionScanner extends PeriodicScanner {
  protected readonly task: PeriodicTask;

  constructor(private readonly deps: { deals: DealRepository; files?: FileStore; keepMs: number; log: Logger; clock: Clock }) {
    super();
    this.task = new PeriodicTask(
      async () => {
        await this.scanOnce();
      },
      () => Math.min(3_600_000, Math.max(1000, Math.round(deps.keepMs / 10))),
      (error) => deps.log.error({ err: error }, 'retention scan failed; trying again at the next one'),
    );
  }

  /** One pass over every tenant; returns how many deals this instance deleted. */
  async scanOnce(): Promise<number> {
    const now = this.deps.clock();
    let deleted = 0;
    for (const tenantId of await this.deps.deals.tenants()) {
      const ids = [...new Set((await this.deps.deals.entriesInStatuses(tenantId, PAGES.closed)).map((e) => e.id))];
      for (const deal of await this.deps.deals.getMany(tenantId, ids)) {
        if (!deal || !pastRetention(deal, this.deps.keepMs, now)) continue;
        if (!(await this.deps.deals.remove(deal)).ok) continue;
        await this.deps.files?.removeDeal(tenantId, deal.id); // its files go with it
        deleted++;
      }
    }
    if (deleted > 0) this.deps.log.info({ deals: deleted }, 'closed deals past RETENTION_CLOSED deleted');
    return deleted;
  }
}

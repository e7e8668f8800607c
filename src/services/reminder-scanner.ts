import type { Clock } from '../clock.js';
import type { Deal } from '../domain/deal.js';
import type { RegistrationPolicy } from '../domain/policy.js';
import { addDueReminders, type ReminderPeriods, WAITING_FOR_OWNER } from '../domain/reminders.js';
import type { Logger } from '../log.js';
import type { DealRepository } from '../store/deal-repository.js';
import { PeriodicScanner, PeriodicTask } from './periodic-task.js';

/** Deals read per round trip while scanning. */
const BATCH = 100;

/**
 * How often to look: a tenth of the shortest period, so a reminder is at most that late, within bounds
 * that keep a test's seconds-long periods lively and a production scan cheap.
 */
export function scanIntervalMs(periods: ReminderPeriods): number {
  const shortest = Math.min(periods.afterMs, periods.everyMs, periods.windowWarningMs);
  return Math.min(10 * 60_000, Math.max(200, Math.round(shortest / 10)));
}

/**
 * Walks every tenant's deals that wait for their owner (Incomplete, Update required) and writes the
 * reminders now due into their outboxes; the outbox worker delivers them like any notification. Any
 * number of instances may scan: the decision is taken again inside each deal's compare-and-swap.
 */
export class ReminderScanner extends PeriodicScanner {
  protected readonly task: PeriodicTask;
  private halting = false;

  constructor(
    private readonly deps: {
      deals: DealRepository;
      policy: RegistrationPolicy;
      periods: ReminderPeriods;
      /** Called after a scan that wrote reminders, so the worker sends them now. */
      remindersAdded: () => void;
      log: Logger;
      clock: Clock;
    },
  ) {
    super();
    this.task = new PeriodicTask(
      async () => {
        if ((await this.scanOnce()) > 0) this.deps.remindersAdded();
      },
      () => scanIntervalMs(this.deps.periods),
      (error) => this.deps.log.error({ err: error }, 'reminder scan failed; trying again at the next one'),
    );
  }

  override start(): void {
    this.halting = false;
    super.start();
  }

  /** Stops at the next tenant, not after the whole pass. */
  override async stop(): Promise<void> {
    this.halting = true;
    await super.stop();
  }

  private now(): Date {
    return this.deps.clock();
  }

  /** One pass over every tenant; returns how many deals got a reminder. */
  async scanOnce(): Promise<number> {
    let added = 0;
    for (const tenantId of await this.deps.deals.tenants()) {
      if (this.halting) break;
      const ids = [...new Set((await this.deps.deals.entriesInStatuses(tenantId, WAITING_FOR_OWNER)).map((e) => e.id))];
      for (let i = 0; i < ids.length; i += BATCH) {
        const deals = await this.deps.deals.getMany(tenantId, ids.slice(i, i + BATCH));
        for (const deal of deals) {
          if (deal && this.due(deal) && (await this.remind(deal))) added++;
        }
      }
    }
    if (added > 0) this.deps.log.info({ deals: added }, 'reminders written');
    return added;
  }

  private due(deal: Deal): boolean {
    return addDueReminders(deal, this.now(), this.deps.periods, this.deps.policy) !== undefined;
  }

  private async remind(deal: Deal): Promise<boolean> {
    const done = await this.deps.deals.update(deal.tenantId, deal.id, (current) => {
      const next = addDueReminders(current, this.now(), this.deps.periods, this.deps.policy);
      return { deal: next ?? current, result: next !== undefined };
    });
    return done.ok && done.value.result;
  }
}

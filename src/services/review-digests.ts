import type { Clock } from '../clock.js';
import { conversationNamed } from '../domain/desk.js';
import { dayIn, reviewDigest } from '../domain/review-digest.js';
import { waitingTooLong } from '../domain/review-queue.js';
import type { Logger } from '../log.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { DigestRepository } from '../store/digest-repository.js';
import { PeriodicScanner, PeriodicTask } from './periodic-task.js';
import type { ReviewDesk } from './review-desk.js';
import type { ReviewService } from './review-service.js';

/**
 * Once a day per review conversation, a digest of the deals that have waited longer than
 * REVIEW_REMINDER_AFTER. Any number of instances may scan: the day's digest document is created only if
 * absent, and the outbox worker delivers it like any card.
 */
export class ReviewDigestScanner extends PeriodicScanner {
  protected readonly task: PeriodicTask;

  constructor(
    private readonly deps: {
      deals: DealRepository;
      reviews: ReviewService;
      desk: ReviewDesk;
      digests: DigestRepository;
      afterMs: number;
      /** A digest was written: the worker should look now. */
      outboxWritten: () => void;
      log: Logger;
      clock: Clock;
    },
  ) {
    super();
    this.task = new PeriodicTask(
      async () => {
        if ((await this.scanOnce()) > 0) this.deps.outboxWritten();
      },
      () => this.intervalMs(),
      (error) => this.deps.log.error({ err: error }, 'review digest scan failed; trying again at the next one'),
    );
  }

  /** A tenth of the waiting time, within 200 ms and 10 minutes: a digest is at most that late in its day. */
  private intervalMs(): number {
    return Math.min(10 * 60_000, Math.max(200, Math.round(this.deps.afterMs / 10)));
  }

  /** One pass over every tenant; returns how many digests this instance created. */
  async scanOnce(): Promise<number> {
    const now = this.deps.clock();
    let made = 0;
    for (const tenantId of await this.deps.deals.tenants()) {
      const desk = await this.deps.desk.get(tenantId);
      if (desk.conversations.length === 0) continue;
      const groups = waitingTooLong(await this.deps.reviews.inStatuses(tenantId, ['in_review']), desk, now, this.deps.afterMs);
      for (const [name, deals] of groups) {
        const conversation = conversationNamed(desk, name)!;
        const digest = reviewDigest(
          tenantId,
          name,
          dayIn(conversation.timeZone, now),
          deals.map((d) => d.id),
          now,
        );
        if (await this.deps.digests.create(digest)) made++;
      }
    }
    if (made > 0) this.deps.log.info({ digests: made }, 'review digests written');
    return made;
  }
}

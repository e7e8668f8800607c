import { setMaxListeners } from 'node:events';
import type { Clock } from '../clock.js';
import type { Deal } from '../domain/deal.js';
import { dueEntries, markDelivered, owesAnything, parkForOwner, reschedule, withdraw } from '../domain/outbox.js';
import { type Pacer, paceKeys, type RateLimit } from '../domain/pacing.js';
import type { RegistrationPolicy } from '../domain/policy.js';
import { isOutdated } from '../domain/reminders.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { ConversationRef, ConversationRefs } from '../store/conversation-refs.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { DigestRepository } from '../store/digest-repository.js';
import { changeEach, claimNotices, deliverPaced, type Notice, type SendOutcome } from './delivery.js';
import { DeskDelivery, type ReviewCardSender } from './desk-delivery.js';
import type { ReviewDesk } from './review-desk.js';

export type { Notice, SendOutcome } from './delivery.js';

/** Sends one card to the owner's chat: a single notice, or a digest of several. The bot implements it. */
export interface NotificationSender {
  /** `leaving` is called right before the request goes out: the rate limiter counts the send from then. */
  send(ref: ConversationRef, notices: readonly Notice[], leaving: () => void): Promise<SendOutcome>;
}

export interface OutboxWorkerOptions {
  instanceId: string;
  leaseMs: number;
  pollMs: number;
  maxBackoffMs: number;
  conversationLimits: readonly RateLimit[];
  tenantLimits: readonly RateLimit[];
  /** Owners served at once by this instance. */
  concurrency: number;
}

/** More missed notifications than this go out as one digest card. */
const DIGEST_OVER = 3;
/** A pending entry whose deal does not exist yet may be a create in flight; older than this it is a phantom. */
const PHANTOM_AFTER_MS = 60_000;

/**
 * Delivers the notifications written into deals (the outbox). For each notice: claim it on the deal (the
 * attempt is recorded, with a lease), send, then mark it delivered. A crash between send and mark lets the
 * lease expire and the notice go out once more: at least once, duplicates only after such a crash.
 */
export class OutboxWorker {
  private timer?: NodeJS.Timeout;
  private stopped = true;
  private ticking?: Promise<void>;
  private again = false;
  private readonly busyOwners = new Map<string, Promise<void>>();
  /**
   * Review cards and digests, one task per deal or digest, apart from the owners': a review conversation
   * takes 60 sends per 30 s, and owners' notifications must not queue behind its pace.
   */
  private readonly busyDesk = new Map<string, Promise<void>>();
  /** Aborted on stop: deliveries still waiting for a rate-limit slot give up rather than hold the stop. */
  private halt = new AbortController();
  private readonly deskDelivery: DeskDelivery;

  constructor(
    private readonly deps: {
      deals: DealRepository;
      refs: ConversationRefs;
      sender: NotificationSender;
      /** Review cards: where they go, and how they are sent. */
      desk: ReviewDesk;
      digests: DigestRepository;
      cards: ReviewCardSender;
      limiter: Pacer;
      policy: RegistrationPolicy;
      metrics?: Metrics;
      log: Logger;
      clock: Clock;
    },
    private readonly options: OutboxWorkerOptions,
  ) {
    const { deals, desk, digests, cards: sender, limiter, metrics, log } = deps;
    this.deskDelivery = new DeskDelivery(
      { deals, digests, desk, sender, limiter, metrics, log: log.child({ to: 'desk' }), now: () => this.now() },
      options,
    );
  }

  private now(): Date {
    return this.deps.clock();
  }

  start(): void {
    this.stopped = false;
    this.halt = new AbortController();
    // Each owner's and each desk task's wait for a rate-limit slot listens to it: up to twice `concurrency`.
    setMaxListeners(2 * this.options.concurrency + 1, this.halt.signal);
    this.schedule(0);
  }

  /** Look now rather than at the next poll: something was just written. */
  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  /**
   * One scan now, and every delivery it starts, to the end (tests: after advancing the clock past every
   * lease and backoff, nothing is left that could still be sent).
   */
  async settle(): Promise<void> {
    await this.ticking;
    await this.scan();
    await Promise.all([...this.busyOwners.values(), ...this.busyDesk.values()]);
  }

  /** Stops taking work and waits for the sends in flight to be marked. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halt.abort();
    clearTimeout(this.timer);
    await this.ticking;
    await Promise.all([...this.busyOwners.values(), ...this.busyDesk.values()]);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.scan()
      .catch((error) => this.deps.log.error({ err: error }, 'outbox scan failed; trying again at the next poll'))
      .finally(() => {
        this.ticking = undefined;
        if (this.stopped) return;
        this.schedule(this.again ? 0 : this.options.pollMs);
        this.again = false;
      });
    await this.ticking;
  }

  private async scan(): Promise<void> {
    const owing = await this.deps.deals.owing();
    const byOwner = new Map<string, { tenantId: string; ownerId: string; dealIds: string[] }>();
    for (const parsed of owing.deals) {
      const owner = `${parsed.tenantId}/${parsed.ownerId}`;
      const group = byOwner.get(owner) ?? { tenantId: parsed.tenantId, ownerId: parsed.ownerId, dealIds: [] };
      group.dealIds.push(parsed.dealId);
      byOwner.set(owner, group);
    }
    for (const digest of owing.digests) {
      const key = `digest:${digest.tenantId}/${digest.conversation}/${digest.day}`;
      this.busy(this.busyDesk, key, () => this.deskDelivery.deliverDigest(digest, this.halt.signal));
    }
    // In a random order: instances scanning the same index in one order would pick the same owners, and
    // each would take a rate-limit slot for a notice only one of them can claim (two instances on Redis
    // delivered 22/s of Teams' 50 that way; 1 instance, 41/s).
    for (const [owner, group] of shuffled([...byOwner])) {
      if (this.stopped || this.busyOwners.size >= this.options.concurrency) break;
      if (this.busyOwners.has(owner)) continue; // its own task is still on it: one at a time per owner
      this.busy(this.busyOwners, owner, () => this.serveOwner(group.tenantId, group.ownerId, group.dealIds));
    }
  }

  /** One task per key at a time, at most `concurrency` of a kind; when one ends, look again at once. */
  private busy(tasks: Map<string, Promise<void>>, key: string, work: () => Promise<void>): void {
    if (this.stopped || tasks.has(key) || tasks.size >= this.options.concurrency) return;
    const task = work()
      .catch((error) => this.deps.log.error({ err: error }, 'a delivery failed; the outbox keeps it'))
      .finally(() => {
        tasks.delete(key);
        this.kick();
      });
    tasks.set(key, task);
  }

  private async serveOwner(tenantId: string, ownerId: string, dealIds: readonly string[]): Promise<void> {
    const deals = await this.deps.deals.getMany(tenantId, dealIds);
    const due: Notice[] = [];
    for (const [i, deal] of deals.entries()) {
      if (!deal) {
        await this.deps.deals.unlistPhantom({ tenantId, ownerId, dealId: dealIds[i]! }, new Date(this.now().getTime() - PHANTOM_AFTER_MS));
        continue;
      }
      if (!owesAnything(deal)) await this.deps.deals.unlistSettled(deal);
      const entries = dueEntries(deal, this.now());
      const forDesk = entries.filter((e) => e.audience === 'desk').map((entry) => ({ deal, entry }));
      if (forDesk.length > 0) this.busy(this.busyDesk, `deal:${deal.id}`, () => this.deskDelivery.deliver(forDesk, this.halt.signal));
      for (const entry of entries.filter((e) => e.audience === 'owner')) due.push({ deal, entry });
    }
    const outdated = due.filter((n) => isOutdated(n.deal, n.entry, this.deps.policy));
    if (outdated.length > 0) {
      await this.changeEach(outdated, (deal, ids) => withdraw(deal, ids, this.now()));
      this.deps.metrics?.deliveries.inc({ outcome: 'withdrawn' }, outdated.length);
    }
    const current = due.filter((n) => !outdated.includes(n));
    if (current.length === 0) return;
    const ref = await this.deps.refs.get(tenantId, ownerId);
    if (!ref?.valid) return this.park(current, ref ? 'the bot was removed or blocked' : 'the owner has not installed the bot');
    // What the owner missed while unreachable comes as one digest when there is much of it; the rest, one by one.
    const missed = current.filter((n) => n.entry.missed);
    const digest = missed.length > DIGEST_OVER ? missed : [];
    if (digest.length > 0) await this.deliver(ref, digest);
    for (const notice of current.filter((n) => !digest.includes(n))) await this.deliver(ref, [notice]);
  }

  private changeEach(notices: readonly Notice[], change: (deal: Deal, ids: string[]) => Deal | undefined): Promise<Notice[]> {
    return changeEach(this.deps.deals, notices, change);
  }

  private deliver(ref: ConversationRef, notices: readonly Notice[]): Promise<void> {
    const { instanceId, leaseMs, maxBackoffMs } = this.options;
    const { limiter, metrics } = this.deps;
    if (this.stopped) return Promise.resolve();
    return deliverPaced(
      { limiter, metrics, maxBackoffMs },
      {
        keys: paceKeys(ref.tenantId, ref.conversationId, this.options),
        // What is still due (another instance may have taken some meanwhile); the attempt is now on record.
        claim: async () => {
          const claimed = await claimNotices(this.deps.deals, notices, { instanceId, leaseMs }, () => this.now());
          return claimed.length > 0 ? claimed : undefined;
        },
        send: (claimed, leaving) => this.deps.sender.send(ref, claimed, leaving),
        attempts: (claimed) => Math.max(...claimed.map((n) => n.entry.attempts)),
        settle: async (claimed, outcome, retryInMs) => {
          const log = this.deps.log.child({ notices: claimed.map((n) => n.entry.id), outcome: outcome.kind });
          if (outcome.kind === 'sent') {
            await this.changeEach(claimed, (deal, ids) => markDelivered(deal, ids, this.now()));
            return log.info('owner notified');
          }
          if (outcome.kind === 'unreachable') {
            await this.deps.refs.invalidate(ref.tenantId, ref.userId);
            return this.park(claimed, outcome.reason);
          }
          await this.changeEach(claimed, (deal, ids) => reschedule(deal, ids, new Date(this.now().getTime() + retryInMs)));
          log.warn({ reason: outcome.reason, retryInMs }, 'notification not delivered; will retry');
        },
      },
      this.halt.signal,
    );
  }

  private async park(notices: readonly Notice[], reason: string): Promise<void> {
    await this.changeEach(notices, (deal, ids) => parkForOwner(deal, ids));
    this.deps.log.info(
      { dealIds: [...new Set(notices.map((n) => n.deal.id))], reason },
      'notifications kept until the owner is back in Teams',
    );
  }
}

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

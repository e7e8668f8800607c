import type { Deal } from '../domain/deal.js';
import { type ClaimedConversation, conversationFor, conversationNamed, conversationWithId, type Desk } from '../domain/desk.js';
import {
  claimStillDue,
  dueEntries,
  forgetPost,
  markCardSent,
  markDelivered,
  owesAnything,
  parkForChannel,
  reschedule,
  withdraw,
} from '../domain/outbox.js';
import { type Pacer, paceKeys, type RateLimit } from '../domain/pacing.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { DigestRepository } from '../store/digest-repository.js';
import { changeEach, claimNotices, deliverPaced, type Notice, type SendOutcome } from './delivery.js';
import type { ReviewDesk } from './review-desk.js';

/** A review card sent: where it now is, so the next change updates it in place. */
export type CardOutcome = { kind: 'sent'; activityId: string } | Exclude<SendOutcome, { kind: 'sent' }>;

/** Posts and updates review cards in review conversations. The bot implements it. */
export interface ReviewCardSender {
  /**
   * Shows the deal as it is now: updates the card posted as `activityId` in place, or posts one. `leaving`
   * is called right before the request goes out.
   */
  sendCard(conversation: ClaimedConversation, deal: Deal, activityId: string | undefined, leaving: () => void): Promise<CardOutcome>;
  /** Posts the day's digest of deals waiting too long, oldest first. */
  sendDigest(conversation: ClaimedConversation, deals: readonly Deal[], leaving: () => void): Promise<CardOutcome>;
}

export interface DeskDeliveryOptions {
  instanceId: string;
  leaseMs: number;
  maxBackoffMs: number;
  conversationLimits: readonly RateLimit[];
  tenantLimits: readonly RateLimit[];
}

/** The card's place: the conversation it was posted in while a reviewer still holds it, else where the deal is routed. */
function placeOf(desk: Desk, deal: Deal): { conversation?: ClaimedConversation; activityId?: string } {
  const posted = deal.reviewPost ? conversationWithId(desk, deal.reviewPost.conversationId) : undefined;
  if (posted && !posted.gone) return { conversation: posted, activityId: deal.reviewPost!.activityId };
  return { conversation: conversationFor(desk, deal.review?.conversation) };
}

/**
 * Delivers a deal's review-card entries (the desk's half of the outbox) with the owner's guarantees: paced
 * per conversation and per tenant, claimed with a lease before the send, retried with backoff or as
 * Retry-After says, kept when no conversation can take it. All due entries of a deal go as one send that
 * shows the deal as it is at the claim; a crash between send and mark posts the card once more at most.
 */
export class DeskDelivery {
  constructor(
    private readonly deps: {
      deals: DealRepository;
      digests: DigestRepository;
      desk: ReviewDesk;
      sender: ReviewCardSender;
      limiter: Pacer;
      metrics?: Metrics;
      log: Logger;
      now: () => Date;
    },
    private readonly options: DeskDeliveryOptions,
  ) {}

  async deliver(notices: readonly Notice[], halt: AbortSignal): Promise<void> {
    const deal = notices[0]!.deal;
    const log = this.deps.log.child({ dealId: deal.id });
    const desk = await this.deps.desk.get(deal.tenantId);
    const estimate = placeOf(desk, deal).conversation;
    if (!estimate) return this.park(notices, log);
    const now = () => this.deps.now();
    await deliverPaced<{ notices: Notice[]; conversation: ClaimedConversation; activityId?: string }, CardOutcome>(
      this.pacing(),
      {
        keys: paceKeys(deal.tenantId, estimate.reference.conversationId, this.options),
        claim: async () => {
          const claimed = await claimNotices(this.deps.deals, notices, this.options, now);
          if (claimed.length === 0) return undefined;
          // The deal as claimed is the newest: another instance may have posted the card since it was read.
          const { conversation, activityId } = placeOf(desk, claimed[0]!.deal);
          if (!conversation) {
            await this.park(claimed, log);
            return undefined;
          }
          return { notices: claimed, conversation, activityId };
        },
        send: ({ notices: claimed, conversation, activityId }, leaving) =>
          this.deps.sender.sendCard(conversation, claimed[0]!.deal, activityId, leaving),
        attempts: ({ notices: claimed }) => Math.max(...claimed.map((n) => n.entry.attempts)),
        settle: async ({ notices: claimed, conversation, activityId }, outcome, retryInMs) => {
          const conversationId = conversation.reference.conversationId;
          if (outcome.kind === 'sent') {
            await changeEach(this.deps.deals, claimed, (d, ids) =>
              markCardSent(d, ids, now(), { conversationId, activityId: outcome.activityId }),
            );
            return log.info({ conversation: conversation.name, updated: activityId !== undefined }, 'review card sent');
          }
          if (outcome.kind === 'unreachable' && activityId !== undefined) {
            // The card is gone (deleted, or its conversation): post a new one, where the deal is routed now.
            await changeEach(this.deps.deals, claimed, (d, ids) => forgetPost(d, ids, now()));
            return log.warn({ reason: outcome.reason }, 'the posted review card could not be updated; posting a new one');
          }
          if (outcome.kind === 'unreachable') {
            await this.deps.desk.markGone(deal.tenantId, conversationId);
            return this.park(claimed, log);
          }
          await changeEach(this.deps.deals, claimed, (d, ids) => reschedule(d, ids, new Date(now().getTime() + retryInMs)));
          log.warn({ reason: outcome.reason, retryInMs }, 'review card not sent; will retry');
        },
      },
      halt,
    );
  }

  /**
   * The day's digest for a review conversation: sent once, showing the deals it named that still wait.
   * Nobody to send it to (the conversation is gone), or nothing waiting any more: settled without a message.
   */
  async deliverDigest(
    { tenantId, conversation: name, day }: { tenantId: string; conversation: string; day: string },
    halt: AbortSignal,
  ): Promise<void> {
    const { digests } = this.deps;
    const now = () => this.deps.now();
    const log = this.deps.log.child({ digest: `${name}/${day}` });
    const digest = await digests.get(tenantId, name, day);
    if (!digest || !owesAnything(digest)) return digests.settled(tenantId, name, day);
    const due = dueEntries(digest, now()).map((e) => e.id);
    if (due.length === 0) return;
    const conversation = conversationNamed(await this.deps.desk.get(tenantId), digest.conversation);
    const waiting = (await this.deps.deals.getMany(tenantId, digest.dealIds)).filter((d): d is Deal => d?.status === 'in_review');
    if (!conversation || waiting.length === 0) {
      await digests.update(tenantId, name, day, (d) => withdraw(d, due, now()));
      log.info({ reason: conversation ? 'nothing waits any more' : 'no conversation' }, 'review digest settled without a message');
      return digests.settled(tenantId, name, day);
    }
    await deliverPaced<{ ids: string[]; attempts: number }, CardOutcome>(
      this.pacing(),
      {
        keys: paceKeys(tenantId, conversation.reference.conversationId, this.options),
        claim: async () => {
          const claimed = await digests.update(tenantId, name, day, (d) => claimStillDue(d, undefined, this.options, now()));
          if (!claimed) return undefined;
          const ids = claimed.outbox.filter((e) => e.claim?.by === this.options.instanceId && !e.deliveredAt).map((e) => e.id);
          return { ids, attempts: Math.max(...claimed.outbox.map((e) => e.attempts)) };
        },
        send: (_claimed, leaving) => this.deps.sender.sendDigest(conversation, waiting, leaving),
        attempts: (claimed) => claimed.attempts,
        settle: async ({ ids }, outcome, retryInMs) => {
          if (outcome.kind === 'retry') {
            await digests.update(tenantId, name, day, (d) => reschedule(d, ids, new Date(now().getTime() + retryInMs)));
            return log.warn({ reason: outcome.reason, retryInMs }, 'review digest not sent; will retry');
          }
          await digests.update(tenantId, name, day, (d) =>
            outcome.kind === 'sent' ? markDelivered(d, ids, now()) : withdraw(d, ids, now()),
          );
          await digests.settled(tenantId, name, day);
          if (outcome.kind === 'unreachable') await this.deps.desk.markGone(tenantId, conversation.reference.conversationId);
          log.info({ deals: waiting.length, outcome: outcome.kind }, 'review digest done');
        },
      },
      halt,
    );
  }

  private pacing() {
    return { limiter: this.deps.limiter, metrics: this.deps.metrics, maxBackoffMs: this.options.maxBackoffMs };
  }

  /**
   * No conversation can take the card. A deal still In review keeps it until a reviewer claims one (the
   * desk must see it); a decided deal's card is settled without a message: the conversation that showed
   * it is gone, and a new card for a closed deal would only be noise.
   */
  private async park(notices: readonly Notice[], log: Logger): Promise<void> {
    const now = this.deps.now();
    await changeEach(this.deps.deals, notices, (deal, ids) =>
      deal.status === 'in_review' ? parkForChannel(deal, ids) : withdraw(deal, ids, now),
    );
    log.info('no review conversation can take the card: kept until a reviewer claims one if the deal waits for review');
  }
}

import type { Clock } from '../clock.js';
import {
  type ClaimedConversation,
  claim,
  conversationWithId,
  type Desk,
  type RoutingRule,
  rulesTag,
  unclaimedNames,
} from '../domain/desk.js';
import { hasWaitingForChannel, unparkForChannel } from '../domain/outbox.js';
import type { Logger } from '../log.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { DeskRepository } from '../store/desk-repository.js';

/** Refusals of a routing change: rules naming conversations no reviewer has claimed. */
export type RoutingChange =
  | { ok: true; rules: RoutingRule[] }
  | { ok: false; unclaimed: string[] }
  /** If-Match named rules that are no longer the current ones: someone changed them since. */
  | { ok: false; changedSince: true; current: string };

/**
 * The deal desk's settings: the review conversations reviewers claim in Teams, and the routing rules set
 * over the API. Claiming a conversation makes every review card that waited for one due again.
 */
export class ReviewDesk {
  constructor(
    private readonly deps: {
      desks: DeskRepository;
      deals: DealRepository;
      /** Something was made due in the outbox: the worker should look now. */
      outboxWritten: () => void;
      log: Logger;
      clock: Clock;
    },
  ) {}

  get(tenantId: string): Promise<Desk> {
    return this.deps.desks.get(tenantId);
  }

  async rules(tenantId: string): Promise<RoutingRule[]> {
    return (await this.get(tenantId)).rules;
  }

  /** Replaces the tenant's rules; each must name a conversation a reviewer has claimed. */
  /** Replaces the rules, if they are still those `expectedTags` names (any of them; undefined: whatever they are). */
  setRules(tenantId: string, rules: RoutingRule[], expectedTags?: readonly string[]): Promise<RoutingChange> {
    return this.deps.desks.update<RoutingChange>(tenantId, (desk) => {
      const current = rulesTag(desk.rules);
      if (expectedTags && !expectedTags.includes(current)) return { desk, result: { ok: false, changedSince: true, current } };
      const unclaimed = unclaimedNames(desk, rules);
      if (unclaimed.length > 0) return { desk, result: { ok: false, unclaimed } };
      return { desk: { ...desk, rules }, result: { ok: true, rules } };
    });
  }

  /** A reviewer claims a conversation under a name; review cards kept for want of one go out now. */
  async claim(tenantId: string, conversation: ClaimedConversation): Promise<void> {
    await this.deps.desks.update(tenantId, (desk) => ({ desk: claim(desk, conversation), result: null }));
    await this.releaseWaitingCards(tenantId);
  }

  private async releaseWaitingCards(tenantId: string): Promise<void> {
    const waiting = await this.deps.deals.waitingForChannel(tenantId);
    const now = this.deps.clock();
    for (const dealId of waiting) {
      const done = await this.deps.deals.update(tenantId, dealId, (deal) =>
        hasWaitingForChannel(deal) ? { deal: unparkForChannel(deal, now), result: true } : { deal, result: false },
      );
      if (done.ok ? !done.value.result : done.refusal.code === 'deal.not_found')
        await this.deps.deals.notWaitingForChannel(tenantId, dealId);
    }
    if (waiting.length > 0) {
      this.deps.log.info({ deals: waiting.length }, 'a review conversation was claimed: the review cards kept for one are due');
      this.deps.outboxWritten();
    }
  }

  /** A reviewer seen acting in a claimed conversation joins its cards' refresh list. */
  async rememberReviewer(tenantId: string, conversationId: string, userMri: string): Promise<void> {
    const desk = await this.get(tenantId);
    const found = conversationWithId(desk, conversationId);
    if (!found || found.reviewerIds.includes(userMri) || found.reviewerIds.length >= 60) return;
    await this.deps.desks.update(tenantId, (current) => {
      const c = conversationWithId(current, conversationId);
      if (!c || c.reviewerIds.includes(userMri) || c.reviewerIds.length >= 60) return { desk: current, result: null };
      return { desk: claim(current, { ...c, reviewerIds: [...c.reviewerIds, userMri] }), result: null };
    });
  }

  /** Teams will not take posts there any more: cards wait for a reviewer to claim a conversation again. */
  async markGone(tenantId: string, conversationId: string): Promise<void> {
    await this.deps.desks.update(tenantId, (desk) => {
      const c = conversationWithId(desk, conversationId);
      if (!c || c.gone) return { desk, result: null };
      return { desk: claim(desk, { ...c, gone: true }), result: null };
    });
    this.deps.log.warn(
      { conversationId },
      'the review conversation no longer takes the bot’s posts; cards wait until a reviewer claims one',
    );
  }
}

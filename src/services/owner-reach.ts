import type { Clock } from '../clock.js';
import { unpark } from '../domain/outbox.js';
import type { Logger } from '../log.js';
import type { ConversationRef, ConversationRefs } from '../store/conversation-refs.js';
import type { DealRepository } from '../store/deal-repository.js';

/** Long enough to unpark every waiting deal of an owner before any goes out, even on a loaded machine (0.5 s was not, in CI); missing it only splits the digest in two. */
const UNPARK_SETTLE_MS = 2000;

/**
 * Keeps each user's conversation reference current, and when a user becomes reachable (first install, or
 * back after uninstalling) makes what waited for them due again.
 */
export class OwnerReach {
  constructor(
    private readonly refs: ConversationRefs,
    private readonly deals: DealRepository,
    private readonly kick: () => void,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {}

  async seen(ref: ConversationRef): Promise<void> {
    const { returned } = await this.refs.save(ref);
    if (!returned) return;
    const waiting = await this.deals.waitingForOwner(ref.tenantId, ref.userId);
    const due = new Date(this.clock().getTime() + UNPARK_SETTLE_MS);
    for (const dealId of waiting) {
      const done = await this.deals.update(ref.tenantId, dealId, (deal) => ({ deal: unpark(deal, due), result: null }));
      if (!done.ok && done.refusal.code === 'deal.not_found') await this.deals.notWaitingForOwner(ref.tenantId, ref.userId, dealId);
    }
    if (waiting.length > 0) {
      this.log.info({ deals: waiting.length }, 'owner reachable again: their kept notifications are due');
      setTimeout(this.kick, UNPARK_SETTLE_MS).unref();
    }
  }

  async reachable(tenantId: string, userId: string): Promise<boolean> {
    return (await this.refs.get(tenantId, userId))?.valid ?? false;
  }
}

import { type Actor, hasRole, owns } from './actor.js';
import type { Deal } from './deal.js';

/**
 * How someone sees a deal: its owner; one of its tenant's reviewers, once it is registered (a draft is its
 * seller's alone); an observer, in one of the tenant's review conversations, where review cards are posted
 * for all to read.
 */
export type Viewer = 'owner' | 'reviewer' | 'observer';

/** Registered at least once: a deal the desk may see. A draft never registered is its seller's alone. */
export const isRegistered = (deal: Deal): boolean => deal.registeredAt !== undefined;

/** How the actor may see the deal, or undefined: then it is "not found" to them, never "not yours". */
export function viewerOf(deal: Deal, actor: Actor, where: { inReviewConversation?: boolean } = {}): Viewer | undefined {
  if (owns(actor, deal)) return 'owner';
  if (actor.tenantId !== deal.tenantId || !isRegistered(deal)) return undefined;
  if (hasRole(actor, 'reviewer')) return 'reviewer';
  return where.inReviewConversation ? 'observer' : undefined;
}

import type { Actor } from './actor.js';
import type { Deal } from './deal.js';
import { owingDeskCard } from './outbox.js';
import type { Result } from './refusal.js';
import { transition } from './transition.js';

/** The longest reply a seller may send the deal desk (as long as the desk's own comments). */
export const MAX_REPLY = 2000;

/**
 * Withdraw: a deal In review goes back to Incomplete, for the seller to change and register again; its
 * history keeps the registration and says it was withdrawn.
 */
export function withdraw(deal: Deal, actor: Actor, now: Date): Result<Deal> {
  const moved = transition(deal, 'withdraw', actor, now);
  if (!moved.ok) return moved;
  const at = now.toISOString();
  return { ok: true, value: { ...moved.value, wizard: { step: 'summary', inputs: {} }, outbox: owingDeskCard(moved.value, at) } };
}

/** A reply to the deal desk on a deal it is reviewing or sent back: recorded in the history, status unchanged. */
export function reply(deal: Deal, text: string, actor: Actor, now: Date): Result<Deal> {
  const moved = transition(deal, deal.status === 'update_required' ? 'replyToUpdate' : 'replyInReview', actor, now, text);
  if (!moved.ok) return moved;
  return { ok: true, value: { ...moved.value, outbox: owingDeskCard(moved.value, now.toISOString()) } };
}

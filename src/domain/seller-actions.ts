import type { Deal } from './deal.js';
import { DealError } from './errors.js';
import { owingDeskCard } from './outbox.js';
import { ACTIONS, canApply } from './status.js';

export interface SellerAct {
  userId: string;
  userName?: string;
  now: Date;
}

/** The longest reply a seller may send the deal desk (as long as the desk's own comments). */
export const MAX_REPLY = 2000;

/**
 * Withdraw: a deal In review goes back to Incomplete, for the seller to change and register again; its
 * history keeps the registration and says it was withdrawn.
 */
export function withdraw(deal: Deal, by: SellerAct): Deal {
  if (!canApply('withdraw', deal.status)) throw new DealError('deal.transition_not_allowed', { status: deal.status });
  const at = by.now.toISOString();
  const to = ACTIONS.withdraw.to;
  return {
    ...deal,
    status: to,
    version: deal.version + 1,
    updatedAt: at,
    wizard: { step: 'summary', inputs: {} },
    history: [...deal.history, { at, by: by.userId, byName: by.userName, from: deal.status, to, kind: 'withdrawn' }],
    outbox: owingDeskCard(deal, at),
  };
}

/** A reply to the deal desk on a deal it is reviewing or sent back: recorded in the history, status unchanged. */
export function reply(deal: Deal, text: string, by: SellerAct): Deal {
  if (deal.status !== 'in_review' && deal.status !== 'update_required') {
    throw new DealError('deal.transition_not_allowed', { status: deal.status });
  }
  const at = by.now.toISOString();
  return {
    ...deal,
    version: deal.version + 1,
    updatedAt: at,
    history: [
      ...deal.history,
      { at, by: by.userId, byName: by.userName, from: deal.status, to: deal.status, comment: text, kind: 'reply' },
    ],
    outbox: owingDeskCard(deal, at),
  };
}

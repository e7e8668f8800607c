import type { Deal } from './deal.js';
import { DealError } from './errors.js';
import { notification } from './outbox.js';
import { STEP_FIELDS, STEPS } from './registration.js';
import { ACTIONS, canApply } from './status.js';

export type Decision = 'approve' | 'decline' | 'requestUpdate';

/** Every field a reviewer may flag for the seller to fix. */
export const FLAGGABLE_FIELDS: readonly string[] = STEPS.flatMap((step) => STEP_FIELDS[step]);

export interface Reviewer {
  id: string;
  name?: string;
}

/**
 * The deal desk's decision on a deal In review: the new status, its history entry and the owner's
 * notification, all in one new version of the deal.
 */
export function decide(
  deal: Deal,
  decision: Decision,
  reviewer: Reviewer,
  input: { comment?: string; fields?: readonly string[] },
  now: Date,
): Deal {
  if (!canApply(decision, deal.status)) {
    throw new DealError('deal.transition_not_allowed', { status: deal.status });
  }
  if (reviewer.id === deal.ownerId) throw new DealError('deal.own_deal');
  if (decision !== 'approve' && !input.comment?.trim()) throw new DealError('deal.comment_required');
  const at = now.toISOString();
  const to = ACTIONS[decision].to;
  const comment = input.comment || undefined;
  return {
    ...deal,
    status: to,
    version: deal.version + 1,
    updatedAt: at,
    flagged: decision === 'requestUpdate' ? [...new Set(input.fields ?? [])] : [],
    wizard: { step: 'summary', inputs: {} },
    history: [...deal.history, { at, by: reviewer.id, byName: reviewer.name, from: deal.status, to, comment }],
    outbox: [...deal.outbox, notification('status_changed', { status: to }, at, { from: deal.status, comment })],
  };
}

/**
 * The duplicate rule's notion of "the same customer": company name without case, accents, punctuation
 * or spacing, and the country.
 */
export function customerKey(companyName: string, country: string): string {
  const name = companyName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
  return `${country}:${name}`;
}

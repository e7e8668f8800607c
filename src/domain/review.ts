import unhomoglyph from 'unhomoglyph';
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
 * Letters that look like Latin ones (Cyrillic "а", dotless "ı", Greek "Ο") as the Latin letter they pass
 * for, by Unicode's confusables table. Only non-ASCII letters are mapped: the table also folds ASCII look-
 * alikes ("m" and "rn"), which would change the key of every name already stored.
 */
function latinLookalikes(text: string): string {
  return text.replace(/[^\p{ASCII}]/gu, (c) => unhomoglyph(c));
}

/**
 * The duplicate rule's notion of "the same customer": company name without case, accents, punctuation,
 * spacing or look-alike letters, and the country.
 */
export function customerKey(companyName: string, country: string): string {
  return `${country}:${comparableName(companyName)}`;
}

/** A company name as the duplicate rule compares it: no case, accents, punctuation, spacing or look-alikes. */
export function comparableName(companyName: string): string {
  return comparable(latinLookalikes(comparable(companyName)));
}

/**
 * The key deals registered before look-alikes were folded are indexed under (it differs only for names
 * with letters such as "ø", "æ" or "ı"), so a duplicate of one of them is still found.
 */
export function customerKeyBeforeLookalikes(companyName: string, country: string): string {
  return `${country}:${comparable(companyName)}`;
}

const comparable = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

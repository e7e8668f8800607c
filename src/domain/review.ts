import unhomoglyph from 'unhomoglyph';
import type { Deal } from './deal.js';
import { DealError } from './errors.js';
import { notification, owingDeskCard } from './outbox.js';
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
 * The deal desk's decision on a deal In review: the new status, its history entry, the owner's notification
 * and the review card's update, all in one new version of the deal. A deal routed to four-eyes needs two
 * approvals from different reviewers: the first is recorded and the deal stays In review; a decline or a
 * send-back by either ends it.
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
  const comment = input.comment || undefined;
  const review = deal.review ?? { approvalsRequired: 1, approvals: [] };
  if (decision === 'approve' && review.approvals.some((a) => a.by === reviewer.id)) throw new DealError('deal.already_approved_by_you');
  if (decision === 'approve' && review.approvals.length + 1 < review.approvalsRequired) {
    // Four-eyes: the first approval is recorded and shown; the deal stays In review and the owner hears nothing yet.
    const approved: Deal = {
      ...deal,
      version: deal.version + 1,
      updatedAt: at,
      review: { ...review, approvals: [...review.approvals, { by: reviewer.id, byName: reviewer.name, at }] },
      history: [
        ...deal.history,
        { at, by: reviewer.id, byName: reviewer.name, from: deal.status, to: deal.status, comment, kind: 'approval' },
      ],
    };
    return { ...approved, outbox: owingDeskCard(approved, at) };
  }
  const to = ACTIONS[decision].to;
  const decided: Deal = {
    ...deal,
    status: to,
    version: deal.version + 1,
    updatedAt: at,
    flagged: decision === 'requestUpdate' ? [...new Set(input.fields ?? [])] : [],
    wizard: { step: 'summary', inputs: {} },
    review:
      decision === 'approve' ? { ...review, approvals: [...review.approvals, { by: reviewer.id, byName: reviewer.name, at }] } : review,
    history: [...deal.history, { at, by: reviewer.id, byName: reviewer.name, from: deal.status, to, comment }],
    outbox: [...deal.outbox, notification('status_changed', { status: to }, at, { from: deal.status, comment })],
  };
  return { ...decided, outbox: owingDeskCard(decided, at) };
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

import unhomoglyph from 'unhomoglyph';
import { type Actor, isActor } from './actor.js';
import type { Deal } from './deal.js';
import { notification, owingDeskCard } from './outbox.js';
import { ok, type Result, refused } from './refusal.js';
import { transition } from './transition.js';
import { foldName } from './typed-names.js';

export type Decision = 'approve' | 'decline' | 'requestUpdate';

/**
 * The deal desk's decision on a deal In review: the new status, its history entry, the owner's notification
 * and the review card's update, all in one new version of the deal. A deal routed to four-eyes needs two
 * approvals from different people: the first is recorded and the deal stays In review; a decline or a
 * send-back by either ends it. The same person is recognised under every id they have (erased, they keep
 * a pseudonym; a key's rotating twin), and a key bound to no person cannot give the second approval
 * unless the deal's routing rule allows it.
 */
export function decide(
  deal: Deal,
  decision: Decision,
  actor: Actor,
  input: { comment?: string; fields?: readonly string[] },
  now: Date,
): Result<Deal> {
  const review = deal.review ?? { approvalsRequired: 1, approvals: [] };
  const firstOfTwo = decision === 'approve' && review.approvals.length + 1 < review.approvalsRequired;
  const comment = input.comment || undefined;
  const moved = transition(deal, firstOfTwo ? 'firstApproval' : decision, actor, now, comment);
  if (!moved.ok) return moved;
  if (decision !== 'approve' && !input.comment?.trim()) return refused({ code: 'deal.comment_required' });
  if (decision === 'approve' && review.approvals.some((a) => isActor(actor, a.by)))
    return refused({ code: 'deal.already_approved_by_you' });
  const secondOfTwo = decision === 'approve' && review.approvalsRequired === 2 && review.approvals.length === 1;
  if (secondOfTwo && actor.unboundKey && !review.secondApprovalByKey) return refused({ code: 'deal.second_approval_needs_person' });
  const at = now.toISOString();
  const approvals = decision === 'approve' ? [...review.approvals, { by: actor.id, byName: actor.name, at }] : review.approvals;
  if (firstOfTwo) {
    // Four-eyes: the first approval is recorded and shown; the deal stays In review and the owner hears nothing yet.
    const approved: Deal = { ...moved.value, review: { ...review, approvals } };
    return ok({ ...approved, outbox: owingDeskCard(approved, at) });
  }
  const decided: Deal = {
    ...moved.value,
    flagged: decision === 'requestUpdate' ? [...new Set(input.fields ?? [])] : [],
    wizard: { step: 'summary', inputs: {} },
    review: { ...review, approvals },
    outbox: [...deal.outbox, notification('status_changed', moved.value, at, { from: deal.status, comment })],
  };
  return ok({ ...decided, outbox: owingDeskCard(decided, at) });
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

/** Names compared as every typed name is: without case, accents, spacing or punctuation. */
const comparable = foldName;

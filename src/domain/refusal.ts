import type { Status } from './status.js';

/**
 * What a use case can refuse, as a value: each kind carries what its answer needs. The Teams answer
 * (bot/refusals.ts) and the problem+json (src/http/api/refusals.ts) each map every kind, checked by the
 * compiler, so a new refusal cannot go unanswered.
 */
export type Refusal =
  /** No such deal in the caller's tenant, or not theirs to see (the two are never told apart). */
  | { code: 'deal.not_found' }
  /** The card the seller clicked was drawn from an earlier version of the deal. */
  | { code: 'deal.stale_card' }
  /** The seller may no longer change the deal in the wizard (it was registered, decided, withdrawn). */
  | { code: 'deal.not_editable'; status: Status }
  /** The status machine has no such step from the deal's status. */
  | { code: 'deal.transition_not_allowed'; status: Status }
  /** Only the deal desk decides, and the caller is not one of its reviewers. */
  | { code: 'deal.not_reviewer' }
  /** A reviewer cannot decide their own deal. */
  | { code: 'deal.own_deal' }
  /** Declining or sending back needs a comment for the seller. */
  | { code: 'deal.comment_required' }
  /** An API caller decided on a version (If-Match) the deal no longer has. */
  | { code: 'deal.version_mismatch'; status: Status; version: number }
  /** Four-eyes: the reviewer who gave the first approval cannot give the second. */
  | { code: 'deal.already_approved_by_you' }
  /** Four-eyes: an API key bound to no person cannot be the second pair of eyes (unless the routing rule says so). */
  | { code: 'deal.second_approval_needs_person' }
  /** A deal holds at most this many files. */
  | { code: 'deal.too_many_files'; max: number }
  /** Others changed the deal at every attempt: nothing was written, and trying again may work. */
  | { code: 'deal.conflict' };

export type RefusalCode = Refusal['code'];

export type Result<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refused = (refusal: Refusal): { ok: false; refusal: Refusal } => ({ ok: false, refusal });

/** For a mapping's `default:` branch: the compiler fails here when a kind of refusal is not handled. */
export function unhandled(refusal: never): never {
  throw new Error(`refusal not mapped: ${JSON.stringify(refusal)}`);
}

import { type Refusal, unhandled } from '../../domain/refusal.js';
import { type Problem, problem } from './problem.js';

/** What each refusal of a use case means over HTTP: the one mapping, checked whole by the compiler. */
export function problemFor(refusal: Refusal): { problem: Problem; headers?: Record<string, string> } {
  switch (refusal.code) {
    case 'deal.not_found':
      return { problem: problem(404, 'not-found', 'No such deal', 'There is no deal with this id in your tenant.') };
    case 'deal.version_mismatch':
    case 'deal.stale_card':
      return {
        problem: problem(
          412,
          'stale',
          'The deal changed',
          'Someone changed the deal since you read it: GET it again and decide on what it says now.',
          refusal.code === 'deal.version_mismatch' ? { currentStatus: refusal.status } : {},
        ),
        headers: refusal.code === 'deal.version_mismatch' ? { ETag: `"${refusal.version}"` } : undefined,
      };
    case 'deal.transition_not_allowed':
    case 'deal.not_editable':
      return {
        problem: problem(
          409,
          'transition-not-allowed',
          'Not allowed in this status',
          `The deal is ${refusal.status}; only deals in review can be decided.`,
          { currentStatus: refusal.status },
        ),
      };
    case 'deal.comment_required':
      return {
        problem: problem(400, 'invalid-request', 'A comment is required', 'Say why in "comment": the seller sees it.', {
          errors: { comment: 'required to decline or to request an update' },
        }),
      };
    case 'deal.already_approved_by_you':
      return {
        problem: problem(
          409,
          'second-approval-needed',
          'A second reviewer must approve',
          'This key gave the deal its first approval; it needs two, from different reviewers: another reviewer key, or a reviewer in Teams.',
          { currentStatus: 'in_review' },
        ),
      };
    case 'deal.second_approval_needs_person':
      return {
        problem: problem(
          409,
          'second-approval-needed',
          'A second reviewer must approve',
          'This key is bound to no person, so it cannot be the second pair of eyes: a reviewer in Teams, or a key bound to a reviewer (API_KEYS tenant:reviewer:<hash>:<their Entra object id>), must give the second approval.',
          { currentStatus: 'in_review' },
        ),
      };
    case 'deal.own_deal':
      return { problem: problem(403, 'own-deal', 'Not your own deal', 'A reviewer cannot decide a deal they own; another reviewer must.') };
    case 'deal.not_reviewer':
      return { problem: problem(403, 'forbidden', 'Forbidden', 'Only a reviewer key can decide deals.') };
    case 'deal.conflict':
      return conflict();
    case 'deal.too_many_files':
      return { problem: problem(409, 'too-many-files', 'Too many files', `A deal holds at most ${refusal.max} files.`) };
    default:
      return unhandled(refusal);
  }
}

/** Others changed the same thing at every attempt. */
export function conflict(): { problem: Problem } {
  return { problem: problem(409, 'conflict', 'Changed at the same moment', 'The deal was being changed by someone else; try again.') };
}

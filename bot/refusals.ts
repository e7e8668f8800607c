import { type Refusal, unhandled } from '../src/domain/refusal.js';
import type { Translate } from './i18n/index.js';

/** Where the refusal happened: on the seller's own cards, or on a review card (the desk's side). */
export type Side = 'seller' | 'desk';

/**
 * What Teams answers a refusal with: "not found"; the deal as it is now with a line saying why nothing
 * changed (`keepTyped`: the reviewer's comment stays in the box); or a message on one of the card's fields.
 */
export type TeamsAnswer =
  | { kind: 'notFound' }
  | { kind: 'showDeal'; notice: string; keepTyped?: boolean }
  | { kind: 'fieldError'; field: 'comment'; error: string };

/** Every refusal's answer in Teams, in the user's language: the one mapping, checked whole by the compiler. */
export function teamsAnswer(refusal: Refusal, side: Side, t: Translate): TeamsAnswer {
  const showing = (notice: string, keepTyped?: boolean): TeamsAnswer => ({ kind: 'showDeal', notice, keepTyped });
  switch (refusal.code) {
    case 'deal.not_found':
      return { kind: 'notFound' };
    case 'deal.stale_card':
    case 'deal.version_mismatch':
      return side === 'seller' ? showing(t('notices.staleCard')) : showing(t('review.stale'), true);
    case 'deal.not_editable':
      return side === 'seller'
        ? showing(t('notices.notEditable', { status: t(`status.${refusal.status}`) }))
        : showing(t('review.stale'), true);
    case 'deal.transition_not_allowed':
      return side === 'seller'
        ? showing(t('notices.notEditable', { status: t(`status.${refusal.status}`) }))
        : showing(t('review.alreadyDecided', { status: t(`status.${refusal.status}`) }));
    case 'deal.not_reviewer':
      return showing(t('review.notReviewer'));
    case 'deal.own_deal':
      return showing(t('review.ownDeal'));
    case 'deal.comment_required':
      return { kind: 'fieldError', field: 'comment', error: t('review.commentRequired') };
    case 'deal.already_approved_by_you':
    case 'deal.second_approval_needs_person':
      return showing(t('review.secondApprovalNeeded'));
    case 'deal.conflict':
      return side === 'seller' ? showing(t('notices.conflict')) : showing(t('review.stale'), true);
    case 'deal.too_many_files':
      return showing(t('files.tooMany', { max: refusal.max }));
    default:
      return unhandled(refusal);
  }
}

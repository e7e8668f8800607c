import { hasRole } from '../../src/domain/actor.js';
import { type ClaimedConversation, conversationWithId } from '../../src/domain/desk.js';
import type { Refusal } from '../../src/domain/refusal.js';
import type { Decision } from '../../src/domain/review.js';
import type { ReviewShown } from '../../src/services/review-service.js';
import { teamsAnswer } from '../refusals.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { noticeCard } from '../views/notice-card.js';
import { type ReviewCardOptions, reviewCard } from '../views/review-card.js';

type Extra = Partial<Pick<ReviewCardOptions, 'notice' | 'typed' | 'errors' | 'backToQueue'>>;

/** The tenant's review conversation this turn happens in, if it is one: there cards are posted for all to read. */
async function reviewConversation(turn: Turn): Promise<ClaimedConversation | undefined> {
  return conversationWithId(await turn.services.desk.get(turn.user.tenantId), turn.activity.conversation.id);
}

/** The review card as the use case showed it to this user: the decision buttons where they may decide. */
function cardOf(shown: ReviewShown, conversation: ClaimedConversation | undefined, turn: Turn, extra: Extra = {}): Card {
  // A reviewer's own deal shows no decisions: the card says why, rather than leaving them to wonder.
  const own = shown.deal.status === 'in_review' && hasRole(turn.user, 'reviewer') && shown.deal.ownerId === turn.user.id;
  return reviewCard(shown.deal, turn.view, {
    steps: shown.steps,
    refreshUserIds: conversation?.reviewerIds ?? [],
    duplicates: shown.duplicates,
    ...(own && !extra.notice ? { notice: turn.view.t('review.ownDealNote') } : {}),
    ...extra,
  });
}

/** Teams asks for the card as this user should see it (refresh): reviewers get the buttons. */
export async function refreshReview(turn: Turn, data: { dealId: string }): Promise<Card> {
  const conversation = await reviewConversation(turn);
  const shown = await turn.services.reviews.show(turn.user, data.dealId, { inReviewConversation: conversation !== undefined });
  if (!shown.ok) return noticeCard(turn.view.t('notices.notFound'));
  if (hasRole(turn.user, 'reviewer')) {
    await turn.services.desk.rememberReviewer(turn.user.tenantId, turn.activity.conversation.id, turn.activity.from.id);
  }
  return cardOf(shown.value, conversation, turn);
}

/** Approve, Decline or Request update on the review card: the domain decides who may, on which deal, once. */
export function decideReview(decision: Decision) {
  return async (
    turn: Turn,
    data: { dealId: string; version: number; comment?: string; fields: string[]; fromQueue: boolean },
  ): Promise<Card> => {
    const { t } = turn.view;
    const conversation = await reviewConversation(turn);
    const request = { decision, comment: data.comment, fields: data.fields, expectedVersions: [data.version] };
    const decided = await turn.services.reviews.decideOnCard(turn.user, data.dealId, request, {
      inReviewConversation: conversation !== undefined,
    });
    if (!decided.ok) return noticeCard(t('notices.notFound'));
    const { refusal, ...shown } = decided.value;
    if (!refusal) {
      turn.log.info({ dealId: shown.deal.id, decision }, 'deal decided in Teams');
      return cardOf(shown, conversation, turn, { backToQueue: data.fromQueue });
    }
    if (refusal.code === 'deal.not_reviewer')
      turn.log.warn({ dealId: shown.deal.id, decision }, 'a decision from someone who is not a reviewer was refused');
    const typed = { comment: data.comment, fields: data.fields.join(',') };
    // A card shown before someone else decided: saying "already decided" helps more than "stale".
    const answered: Refusal =
      shown.deal.status !== 'in_review' ? { code: 'deal.transition_not_allowed', status: shown.deal.status } : refusal;
    const answer = teamsAnswer(answered, 'desk', t);
    if (answer.kind === 'notFound') return noticeCard(t('notices.notFound'));
    if (answer.kind === 'fieldError') return cardOf(shown, conversation, turn, { typed, errors: { [answer.field]: answer.error } });
    return cardOf(shown, conversation, turn, { notice: answer.notice, typed: answer.keepTyped ? typed : undefined });
  };
}

/** Open on the review queue: the deal's review card with the decision buttons, for a reviewer. */
export async function openForReview(turn: Turn, data: { dealId: string }): Promise<Card> {
  const { t } = turn.view;
  if (!hasRole(turn.user, 'reviewer')) return noticeCard(t('queue.notReviewer'));
  const conversation = await reviewConversation(turn);
  const shown = await turn.services.reviews.show(turn.user, data.dealId, { inReviewConversation: conversation !== undefined });
  if (!shown.ok || shown.value.deal.registeredAt === undefined) return noticeCard(t('notices.notFound'));
  return cardOf(shown.value, conversation, turn, { backToQueue: true });
}

import type { Deal } from '../../src/domain/deal.js';
import { conversationWithId } from '../../src/domain/desk.js';
import type { Refusal } from '../../src/domain/refusal.js';
import type { Decision } from '../../src/domain/review.js';
import { teamsAnswer } from '../refusals.js';
import type { Card } from '../render.js';
import { isReviewer, type Turn } from '../turn.js';
import { noticeCard } from '../views/notice-card.js';
import { type ReviewCardOptions, reviewCard } from '../views/review-card.js';

type Extra = Partial<Pick<ReviewCardOptions, 'notice' | 'typed' | 'errors' | 'backToQueue'>>;

/** The review card as this user may see it: with the decision buttons only for a reviewer, never on their own deal. */
async function cardFor(turn: Turn, deal: Deal, extra: Extra = {}): Promise<Card> {
  const { user, services } = turn;
  const reviewer = isReviewer(turn);
  const conversation = conversationWithId(await services.desk.get(user.tenantId), turn.activity.conversation.id);
  return reviewCard(deal, turn.view, {
    actionable: reviewer && deal.ownerId !== user.userId,
    refreshUserIds: conversation?.reviewerIds ?? [],
    duplicates: await services.reviews.duplicatesOf(deal, user.now),
    ...extra,
  });
}

async function loadInTenant(turn: Turn, dealId: string): Promise<Deal | undefined> {
  const found = await turn.services.reviews.get(turn.user.tenantId, dealId);
  return found.ok ? found.value : undefined;
}

/**
 * Who may see a deal's review card: its owner; and, once it has entered review (never as a draft), a
 * reviewer or anyone in one of the tenant's review conversations, where cards are posted for all to read.
 * A refresh forged from elsewhere, or with a draft's id, shows nothing.
 */
async function mayView(turn: Turn, deal: Deal): Promise<boolean> {
  const { user, services, activity } = turn;
  if (deal.ownerId === user.userId) return true;
  if (deal.registeredAt === undefined) return false;
  if (isReviewer(turn)) return true;
  return conversationWithId(await services.desk.get(user.tenantId), activity.conversation.id) !== undefined;
}

/** Teams asks for the card as this user should see it (refresh): reviewers get the buttons. */
export async function refreshReview(turn: Turn, data: { dealId: string }): Promise<Card> {
  const deal = await loadInTenant(turn, data.dealId);
  if (!deal || !(await mayView(turn, deal))) return noticeCard(turn.view.t('notices.notFound'));
  if (isReviewer(turn)) {
    await turn.services.desk.rememberReviewer(turn.user.tenantId, turn.activity.conversation.id, turn.activity.from.id);
  }
  return cardFor(turn, deal);
}

/** Approve, Decline or Request update on the review card: only a reviewer, never on their own deal, once. */
export function decideReview(decision: Decision) {
  return async (
    turn: Turn,
    data: { dealId: string; version: number; comment?: string; fields: string[]; fromQueue: boolean },
  ): Promise<Card> => {
    const { t } = turn.view;
    const deal = await loadInTenant(turn, data.dealId);
    if (!deal || !(await mayView(turn, deal))) return noticeCard(t('notices.notFound'));
    const typed = { comment: data.comment, fields: data.fields.join(',') };
    if (!isReviewer(turn)) {
      turn.log.warn({ dealId: deal.id, decision }, 'a decision from someone who is not a reviewer was refused');
      return cardFor(turn, deal, { notice: t('review.notReviewer') });
    }
    const reviewer = { id: turn.user.userId, name: turn.user.userName };
    const decided = await turn.services.reviews.decide(turn.user.tenantId, deal.id, reviewer, {
      decision,
      comment: data.comment,
      fields: data.fields,
      expectedVersions: [data.version],
    });
    if (decided.ok) {
      turn.log.info({ dealId: deal.id, decision }, 'deal decided in Teams');
      return cardFor(turn, decided.value, { backToQueue: data.fromQueue });
    }
    const current = (await loadInTenant(turn, deal.id)) ?? deal;
    // A card shown before someone else decided: saying "already decided" helps more than "stale".
    const refusal: Refusal =
      current.status !== 'in_review' ? { code: 'deal.transition_not_allowed', status: current.status } : decided.refusal;
    const answer = teamsAnswer(refusal, 'desk', t);
    if (answer.kind === 'notFound') return noticeCard(t('notices.notFound'));
    if (answer.kind === 'fieldError') return cardFor(turn, current, { typed, errors: { [answer.field]: answer.error } });
    return cardFor(turn, current, { notice: answer.notice, typed: answer.keepTyped ? typed : undefined });
  };
}

/** Open on the review queue: the deal's review card with the decision buttons, for a reviewer. */
export async function openForReview(turn: Turn, data: { dealId: string }): Promise<Card> {
  const { t } = turn.view;
  if (!isReviewer(turn)) return noticeCard(t('queue.notReviewer'));
  const deal = await loadInTenant(turn, data.dealId);
  if (!deal || deal.registeredAt === undefined) return noticeCard(t('notices.notFound'));
  return cardFor(turn, deal, { backToQueue: true });
}

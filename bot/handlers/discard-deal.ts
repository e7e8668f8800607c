import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { VERBS } from '../verbs.js';
import { noticeCard } from '../views/notice-card.js';

/** Discard, after its confirmation: the draft is gone; the card says so and leads back to the list. */
export async function discardDeal(turn: Turn, data: { dealId: string; version: number }): Promise<Card> {
  const { t } = turn.view;
  const discarded = await turn.services.deals.discard(turn.user, data.dealId, data.version);
  if (!discarded.ok) return answerRefusal(turn, data.dealId, discarded.refusal);
  turn.log.info({ dealId: data.dealId }, 'draft discarded');
  return noticeCard(t('detail.discarded'), [
    { verb: VERBS.dealsPage, title: t('pages.action_required'), data: { page: 'action_required' } },
    { verb: VERBS.dealNew, title: t('welcome.register') },
  ]);
}

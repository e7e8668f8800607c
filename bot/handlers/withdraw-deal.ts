import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealDetailCard } from '../views/deal-detail-card.js';

/** Withdraw, on an In review deal's card (after its confirmation): back to Incomplete, the review card updated. */
export async function withdrawDeal(turn: Turn, data: { dealId: string; version: number }): Promise<Card> {
  const withdrawn = await turn.services.deals.withdraw(turn.user, data.dealId, data.version);
  if (!withdrawn.ok) return answerRefusal(turn, data.dealId, withdrawn.refusal);
  turn.log.info({ dealId: data.dealId }, 'deal withdrawn from review');
  return dealDetailCard(withdrawn.value, turn.view, turn.view.t('notices.withdrawn'));
}

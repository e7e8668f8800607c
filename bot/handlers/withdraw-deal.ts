import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealDetailCard } from '../views/deal-detail-card.js';
import { answeringDealErrors } from './deal-errors.js';

/** Withdraw, on an In review deal's card (after its confirmation): back to Incomplete, the review card updated. */
export async function withdrawDeal(turn: Turn, data: { dealId: string; version: number }): Promise<Card> {
  return answeringDealErrors(turn, data.dealId, async () => {
    const deal = await turn.services.deals.withdraw(turn.seller, data.dealId, data.version);
    turn.log.info({ dealId: deal.id }, 'deal withdrawn from review');
    return dealDetailCard(deal, turn.view, turn.view.t('notices.withdrawn'));
  });
}

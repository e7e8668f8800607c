import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { answeringDealErrors } from './deal-errors.js';
import { showDeal } from './show-deal.js';

/** Update, on a deal sent back: the wizard from its first step, filled with the deal's values. */
export async function updateDeal(turn: Turn, data: { dealId: string }): Promise<Card> {
  return answeringDealErrors(
    turn,
    data.dealId,
    async () => await showDeal(turn, await turn.services.deals.startUpdate(turn.seller, data.dealId)),
  );
}

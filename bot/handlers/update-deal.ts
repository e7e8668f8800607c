import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { answerRefusal } from './answer-refusal.js';
import { showDeal } from './show-deal.js';

/** Update, on a deal sent back: the wizard from its first step, filled with the deal's values. */
export async function updateDeal(turn: Turn, data: { dealId: string }): Promise<Card> {
  const started = await turn.services.deals.startUpdate(turn.user, data.dealId);
  return started.ok ? showDeal(turn, started.value) : answerRefusal(turn, data.dealId, started.refusal);
}

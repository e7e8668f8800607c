import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealCard } from '../views/deal-card.js';

/** Update, on a deal sent back: the wizard from its first step, filled with the deal's values. */
export async function updateDeal(turn: Turn, data: { dealId: string }): Promise<Card> {
  const started = await turn.services.deals.startUpdate(turn.user, data.dealId);
  return started.ok ? dealCard(started.value, turn.view) : answerRefusal(turn, data.dealId, started.refusal);
}

import type { Step } from '../../src/domain/registration.js';
import type { CardRef } from '../../src/services/wizard-service.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { answeringDealErrors } from './deal-errors.js';
import { showDeal } from './show-deal.js';

/** Edit on the summary: that step, filled in; Next then returns to the summary. */
export async function wizardEdit(turn: Turn, data: { card: CardRef; to: Step }): Promise<Card> {
  return answeringDealErrors(turn, data.card.dealId, async () => {
    const result = await turn.services.wizard.goTo(turn.seller, data.card, data.to, undefined);
    return showDeal(turn, result.deal);
  });
}

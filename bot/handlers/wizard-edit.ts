import type { Step } from '../../src/domain/registration.js';
import type { CardRef } from '../../src/services/wizard-service.js';
import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealCard } from '../views/deal-card.js';

/** Edit on the summary: that step, filled in; Next then returns to the summary. */
export async function wizardEdit(turn: Turn, data: { card: CardRef; to: Step }): Promise<Card> {
  const moved = await turn.services.wizard.goTo(turn.user, data.card, data.to, undefined);
  return moved.ok ? dealCard(moved.value.shown, turn.view) : answerRefusal(turn, data.card.dealId, moved.refusal);
}

import { STEPS, type StepInputs } from '../../src/domain/registration.js';
import type { CardRef } from '../../src/services/wizard-service.js';
import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealCard } from '../views/deal-card.js';

/** Back: the previous step, keeping what was typed on this one (unvalidated) for when the seller returns. */
export async function wizardBack(turn: Turn, data: { card: CardRef; inputs?: StepInputs }): Promise<Card> {
  const { card } = data;
  const to = card.step === 'summary' ? STEPS[STEPS.length - 1]! : STEPS[Math.max(0, STEPS.indexOf(card.step) - 1)]!;
  const moved = await turn.services.wizard.goTo(turn.user, card, to, data.inputs);
  return moved.ok ? dealCard(moved.value.shown, turn.view) : answerRefusal(turn, card.dealId, moved.refusal);
}

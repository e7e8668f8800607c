import type { Step, StepInputs } from '../../src/domain/registration.js';
import type { CardRef } from '../../src/services/wizard-service.js';
import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealCard } from '../views/deal-card.js';

/** Next: validate the step on the server; the same step with messages, or the next one. */
export async function wizardNext(turn: Turn, data: { card: CardRef & { step: Step }; inputs: StepInputs }): Promise<Card> {
  const submitted = await turn.services.wizard.next(turn.user, data.card, data.inputs);
  if (!submitted.ok) return answerRefusal(turn, data.card.dealId, submitted.refusal);
  const result = submitted.value;
  turn.log.info({ dealId: result.shown.deal.id, step: data.card.step, invalid: Object.keys(result.errors) }, 'step submitted');
  return dealCard(result.shown, turn.view, result.untouched ? turn.view.t('wizard.fillIn') : '', result.errors);
}

import type { Step, StepInputs } from '../../src/domain/registration.js';
import type { CardRef } from '../../src/services/wizard-service.js';
import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealCard } from '../views/deal-card.js';

/** "Review every step", in an update: walked through all the steps, not only the flagged ones. */
export async function wizardReviewAll(turn: Turn, data: { card: CardRef & { step: Step }; inputs: StepInputs }): Promise<Card> {
  const walked = await turn.services.wizard.reviewEveryStep(turn.user, data.card, data.inputs);
  return walked.ok ? dealCard(walked.value, turn.view) : answerRefusal(turn, data.card.dealId, walked.refusal);
}

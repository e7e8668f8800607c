import type { Step, StepInputs } from '../../src/domain/registration.js';
import type { CardRef } from '../../src/services/wizard-service.js';
import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { VERBS } from '../verbs.js';
import { noticeCard } from '../views/notice-card.js';

/** Cancel: the draft is kept as typed; the card says how to come back to it. */
export async function wizardCancel(turn: Turn, data: { card: CardRef & { step: Step }; inputs: StepInputs }): Promise<Card> {
  const { t } = turn.view;
  const kept = await turn.services.wizard.cancel(turn.user, data.card, data.inputs);
  if (!kept.ok) return answerRefusal(turn, data.card.dealId, kept.refusal);
  return noticeCard(t('notices.draftSaved'), [
    { verb: VERBS.dealContinue, title: t('buttons.continue'), data: { dealId: data.card.dealId } },
  ]);
}

import type { Step, StepInputs } from '../../src/domain/registration.js';
import { isUntouchedDraft } from '../../src/domain/wizard.js';
import type { CardRef } from '../../src/services/wizard-service.js';
import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { VERBS } from '../verbs.js';
import { noticeCard } from '../views/notice-card.js';

/**
 * Cancel: the draft is kept as typed; the card says how to come back to it. A draft with nothing in it is
 * not kept: it would only wait in "Action required" and the export to be discarded by hand.
 */
export async function wizardCancel(turn: Turn, data: { card: CardRef & { step: Step }; inputs: StepInputs }): Promise<Card> {
  const { t } = turn.view;
  const kept = await turn.services.wizard.cancel(turn.user, data.card, data.inputs);
  if (!kept.ok) return answerRefusal(turn, data.card.dealId, kept.refusal);
  if (isUntouchedDraft(kept.value) && (await turn.services.deals.discard(turn.user, kept.value.id, kept.value.version)).ok) {
    return noticeCard(t('notices.emptyDraftDropped'), [{ verb: VERBS.dealNew, title: t('welcome.register'), data: {} }]);
  }
  return noticeCard(t('notices.draftSaved'), [
    { verb: VERBS.dealContinue, title: t('buttons.continue'), data: { dealId: data.card.dealId } },
  ]);
}

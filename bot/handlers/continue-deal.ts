import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { VERBS } from '../verbs.js';
import { dealCard } from '../views/deal-card.js';
import { noticeCard } from '../views/notice-card.js';

/** "continue", or a deal's Continue button: the draft at the step the seller left it. */
export async function continueDeal(turn: Turn, data: { dealId?: string }): Promise<Card> {
  const { t } = turn.view;
  if (data.dealId) {
    const opened = await turn.services.deals.open(turn.user, data.dealId);
    return opened.ok ? dealCard(opened.value, turn.view, t('wizard.resumed')) : answerRefusal(turn, data.dealId, opened.refusal);
  }
  const draft = await turn.services.wizard.latestDraft(turn.user);
  if (!draft) return noticeCard(t('notices.noDraft'), [{ verb: VERBS.dealNew, title: t('welcome.register') }]);
  return dealCard(draft, turn.view, t('wizard.resumed'));
}

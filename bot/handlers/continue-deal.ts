import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { VERBS } from '../verbs.js';
import { noticeCard } from '../views/notice-card.js';
import { answerRefusal } from './answer-refusal.js';
import { showDeal } from './show-deal.js';

/** "continue", or a deal's Continue button: the draft at the step the seller left it. */
export async function continueDeal(turn: Turn, data: { dealId?: string }): Promise<Card> {
  const { t } = turn.view;
  if (data.dealId) {
    const opened = await turn.services.deals.open(turn.user, data.dealId);
    return opened.ok ? showDeal(turn, opened.value, t('wizard.resumed')) : answerRefusal(turn, data.dealId, opened.refusal);
  }
  const draft = await turn.services.wizard.latestDraft(turn.user);
  if (!draft) return noticeCard(t('notices.noDraft'), [{ verb: VERBS.dealNew, title: t('welcome.register') }]);
  return showDeal(turn, draft, t('wizard.resumed'));
}

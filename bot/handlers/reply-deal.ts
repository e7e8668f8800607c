import { MAX_REPLY } from '../../src/domain/seller-actions.js';
import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealDetailCard } from '../views/deal-detail-card.js';

/** Reply to the deal desk, on a deal in review or sent back: recorded in the history, shown on the review card. */
export async function replyToDesk(turn: Turn, data: { dealId: string; reply: string }): Promise<Card> {
  const { t } = turn.view;
  const text = data.reply.normalize('NFC').trim();
  if (!text || text.length > MAX_REPLY) {
    const opened = await turn.services.deals.open(turn.user, data.dealId);
    if (!opened.ok) return answerRefusal(turn, data.dealId, opened.refusal);
    const notice = text ? t('errors.text.too_long', { max: MAX_REPLY }) : t('errors.text.required');
    return dealDetailCard(opened.value, turn.view, notice);
  }
  const replied = await turn.services.deals.reply(turn.user, data.dealId, text);
  if (!replied.ok) return answerRefusal(turn, data.dealId, replied.refusal);
  turn.log.info({ dealId: data.dealId }, 'seller replied to the deal desk');
  return dealDetailCard(replied.value, turn.view, t('notices.replySent'));
}

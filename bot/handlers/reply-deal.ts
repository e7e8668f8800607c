import { MAX_REPLY } from '../../src/domain/seller-actions.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealDetailCard } from '../views/deal-detail-card.js';
import { answeringDealErrors } from './deal-errors.js';

/** Reply to the deal desk, on a deal in review or sent back: recorded in the history, shown on the review card. */
export async function replyToDesk(turn: Turn, data: { dealId: string; reply: string }): Promise<Card> {
  const { t } = turn.view;
  const text = data.reply.normalize('NFC').trim();
  return answeringDealErrors(turn, data.dealId, async () => {
    if (!text || text.length > MAX_REPLY) {
      const deal = await turn.services.deals.open(turn.seller, data.dealId);
      const notice = text ? t('errors.text.too_long', { max: MAX_REPLY }) : t('errors.text.required');
      return dealDetailCard(deal, turn.view, notice);
    }
    const deal = await turn.services.deals.reply(turn.seller, data.dealId, text);
    turn.log.info({ dealId: deal.id }, 'seller replied to the deal desk');
    return dealDetailCard(deal, turn.view, t('notices.replySent'));
  });
}

import { DealError } from '../../src/domain/errors.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealNotFoundCard, noticeCard } from '../views/notice-card.js';
import { showDeal } from './show-deal.js';

/**
 * Runs a card action and turns the refusals a use case can give into cards: a stale or closed deal is
 * shown as it stands now, with a line saying nothing was changed.
 */
export async function answeringDealErrors(turn: Turn, dealId: string, act: () => Promise<Card>): Promise<Card> {
  try {
    return await act();
  } catch (error) {
    if (!(error instanceof DealError)) throw error;
    const { t } = turn.view;
    turn.log.info({ code: error.code }, 'card action refused');
    switch (error.code) {
      case 'deal.stale_card':
      case 'deal.not_editable': {
        const deal = await turn.services.deals.open(turn.seller, dealId);
        const notice =
          error.code === 'deal.stale_card' ? t('notices.staleCard') : t('notices.notEditable', { status: t(`status.${deal.status}`) });
        return showDeal(turn, deal, notice);
      }
      case 'deal.not_found':
        return dealNotFoundCard(turn.view);
      default:
        return noticeCard(t('notices.conflict'));
    }
  }
}

import { dealRef } from '../../src/domain/deal-ref.js';
import type { Toast } from '../render.js';
import type { Turn } from '../turn.js';
import { dealDetailCard } from '../views/deal-detail-card.js';
import { openForReview } from './review-deal.js';
import { dealOpenableBy } from './shared-access.js';

/**
 * "Open in Dealbot" on a shared deal card, clicked by anyone in the conversation: the deal opens in the
 * user's own chat with the bot (the seller's deal card, or the review card for a reviewer), and the click
 * is answered with a line for that user alone; the shared card stays as it was for everyone.
 */
export async function openSharedDeal(turn: Turn, data: { dealId: string }): Promise<Toast> {
  const { t } = turn.view;
  const openable = await dealOpenableBy(turn, data.dealId);
  if (!openable) return { toast: t('shared.notYours') };
  const ref = dealRef(openable.deal.id);
  const card = openable.as === 'owner' ? dealDetailCard(openable.deal, turn.view) : await openForReview(turn, { dealId: openable.deal.id });
  const posted = await turn.services.personalChat.post(turn.user.tenantId, turn.user.userId, card);
  return { toast: posted ? t('shared.opened', { ref }) : t('shared.noChat', { ref }) };
}

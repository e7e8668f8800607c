import { dealRef } from '../../src/domain/deal-ref.js';
import type { Toast } from '../render.js';
import type { Turn } from '../turn.js';
import { dealDetailCard } from '../views/deal-detail-card.js';
import { openForReview } from './review-deal.js';

/**
 * "Open in Dealbot" on a shared deal card, clicked by anyone in the conversation: the deal opens in the
 * user's own chat with the bot (the seller's deal card, or the review card for a reviewer), and the click
 * is answered with a line for that user alone; the shared card stays as it was for everyone.
 */
export async function openSharedDeal(turn: Turn, data: { dealId: string }): Promise<Toast> {
  const { t } = turn.view;
  // Its seller, or a reviewer of its tenant once registered (the domain's viewerOf); anyone else: not theirs.
  const shown = await turn.services.reviews.show(turn.user, data.dealId, { inReviewConversation: false });
  if (!shown.ok) return { toast: t('shared.notYours') };
  const { deal, viewer } = shown.value;
  const ref = dealRef(deal.id);
  const card = viewer === 'owner' ? dealDetailCard(shown.value, turn.view) : await openForReview(turn, { dealId: deal.id });
  const posted = await turn.services.personalChat.post(turn.user.tenantId, turn.user.id, card);
  return { toast: posted ? t('shared.opened', { ref }) : t('shared.noChat', { ref }) };
}

import { refOfDealLink } from '../../src/domain/deal-ref.js';
import type { Turn } from '../turn.js';
import { type ComposeAnswer, composeResults } from '../views/compose-results.js';
import { sharedDealCard, sharedDealPreview } from '../views/shared-deal-card.js';

/**
 * A deal link pasted into a message: the shared deal card for the deal's seller and the tenant's reviewers;
 * for anyone else, and for a link that names no deal, nothing at all (the link stays a plain link).
 */
export async function unfurlDealLink(turn: Turn, data: { url: string }): Promise<ComposeAnswer> {
  const ref = refOfDealLink(data.url);
  const shown = ref ? await turn.services.reviews.show(turn.user, ref, { inReviewConversation: false }) : undefined;
  if (!shown?.ok) return composeResults([]);
  const { deal } = shown.value;
  return composeResults([{ card: sharedDealCard(deal, turn.view, turn.services.clock()), preview: sharedDealPreview(deal, turn.view) }]);
}

import { refOfDealLink } from '../../src/domain/deal-ref.js';
import type { Turn } from '../turn.js';
import { type ComposeAnswer, composeResults } from '../views/compose-results.js';
import { noticeCard } from '../views/notice-card.js';
import { sharedDealCard, sharedDealPreview } from '../views/shared-deal-card.js';

/**
 * A deal link pasted into a message: the shared deal card for the deal's seller and the tenant's reviewers.
 * Anyone else gets the same few words for every deal link, whether the deal exists or not (nothing is
 * told), saying who opens it and how; a link that names no deal unfurls into nothing. An empty list for a
 * deal link left the Agents Playground blank (it shows the first card it is given).
 */
export async function unfurlDealLink(turn: Turn, data: { url: string }): Promise<ComposeAnswer> {
  const ref = refOfDealLink(data.url);
  if (!ref) return composeResults([]);
  const shown = await turn.services.reviews.show(turn.user, ref, { inReviewConversation: false });
  if (!shown.ok) {
    const said = turn.view.t('shared.linkOnly', { ref });
    return composeResults([{ card: noticeCard(said), preview: { title: 'Dealbot', subtitle: ref, text: said } }]);
  }
  const { deal } = shown.value;
  return composeResults([{ card: sharedDealCard(deal, turn.view, turn.services.clock()), preview: sharedDealPreview(deal, turn.view) }]);
}

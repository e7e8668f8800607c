import { hasRole } from '../../src/domain/actor.js';
import type { ComposeQuery } from '../action-data.js';
import { MAX_SEARCH, MAX_SEARCH_DEPTH } from '../action-data.js';
import { dealSearchOf } from '../search-words.js';
import type { Turn } from '../turn.js';
import { type ComposeAnswer, composeMessage, composeResults } from '../views/compose-results.js';
import { sharedDealCard, sharedDealPreview } from '../views/shared-deal-card.js';

/** The manifest's search command (appPackage/manifest.json), the one Copilot calls too. */
export const SEARCH_COMMAND = 'searchDeals';

/**
 * The compose box's search: the seller's own deals (a reviewer's: their tenant's) whose customer or
 * reference holds what was typed, in the statuses it names; nothing typed lists the newest. Each result is
 * the shared deal card, ready to insert.
 */
export async function searchDeals(turn: Turn, data: ComposeQuery): Promise<ComposeAnswer> {
  const { t } = turn.view;
  if (data.commandId !== SEARCH_COMMAND) return composeMessage(t('search.unknownCommand'));
  if (data.query.length > MAX_SEARCH) return composeMessage(t('search.tooLong', { max: MAX_SEARCH }));
  // Past the depth the list simply ends, as it would in a tenant with no more deals.
  if (data.skip >= MAX_SEARCH_DEPTH) return composeResults([]);
  const search = { ...dealSearchOf(data.query, data.status), viewerId: turn.user.id };
  const keep = Math.min(data.skip + data.count, MAX_SEARCH_DEPTH);
  const found = hasRole(turn.user, 'reviewer')
    ? await turn.services.reviews.search(turn.user.tenantId, search, keep)
    : await turn.services.deals.search(turn.user, search, keep);
  const now = turn.services.clock();
  return composeResults(
    found.slice(data.skip).map((deal) => ({ card: sharedDealCard(deal, turn.view, now), preview: sharedDealPreview(deal, turn.view) })),
  );
}

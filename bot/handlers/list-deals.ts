import type { PageName, Status } from '../../src/domain/status.js';
import type { PageCursor } from '../../src/store/pages.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealListCard } from '../views/deal-list-card.js';

export interface ListRequest {
  page: PageName;
  filter?: Status;
  older?: PageCursor;
  newer?: PageCursor;
  /** The newest change the card had seen, to tell the seller when the list moved under them. */
  asOf?: string;
}

/** A page of the seller's own deals, newest change first; Previous / Next replace the card in place. */
export async function listDeals(turn: Turn, request: ListRequest): Promise<Card> {
  const { t } = turn.view;
  const { page, filter } = request;
  let result = await turn.services.deals.page(turn.user, request);
  const moved = Boolean(request.asOf && result.latestChange && result.latestChange > request.asOf);
  let notice = moved ? t('list.stale') : '';
  if (result.deals.length === 0 && (request.older || request.newer)) {
    // Nothing left that way (the deals changed meanwhile): show the page from its start instead.
    result = await turn.services.deals.page(turn.user, { page, filter });
    notice = moved ? t('list.stale') : t('list.end');
  }
  turn.log.debug({ page, filter, shown: result.deals.length }, 'page listed');
  return dealListCard(page, filter, result, turn.view, notice);
}

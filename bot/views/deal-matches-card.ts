import type { Deal } from '../../src/domain/deal.js';
import { bindCard, type Card } from '../render.js';
import { dealRow } from './deal-list-card.js';
import type { ViewContext } from './view-context.js';

/** "open fabrikam" when several of the seller's deals are for that customer: a short list to pick from. */
export function dealMatchesCard(customer: string, deals: readonly Deal[], ctx: ViewContext): Card {
  const { t } = ctx;
  return bindCard('deal-matches', {
    t: { title: t('list.matches', { customer }), open: t('list.open') },
    rows: deals.map((deal) => dealRow(deal, ctx)),
  });
}

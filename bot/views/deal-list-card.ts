import type { Deal } from '../../src/domain/deal.js';
import { dealRef } from '../../src/domain/deal-ref.js';
import { PAGES, type PageName, type Status } from '../../src/domain/status.js';
import type { DealPage } from '../../src/store/pages.js';
import { formatDateTime, formatMoney } from '../format.js';
import { bindCard, type Card } from '../render.js';
import type { ViewContext } from './view-context.js';

/** A deal as one row of a list: customer, solution, and its reference, value, status and last change. */
export function dealRow(deal: Deal, ctx: ViewContext) {
  const { t } = ctx;
  const value = deal.fields.value;
  const solutionId = deal.fields.solution?.solutionId;
  return {
    id: deal.id,
    customer: deal.fields.customer?.companyName ?? t('list.noCustomer'),
    solution: (solutionId && ctx.solutions.find((s) => s.id === solutionId)?.name) ?? solutionId ?? '',
    line: t('list.row', {
      ref: dealRef(deal.id),
      value: value ? formatMoney(value.totalValue, value.currency, ctx.formatLocale) : t('list.noValue'),
      status: t(`status.${deal.status}`),
      when: formatDateTime(deal.updatedAt, ctx.formatLocale, ctx.timeZone),
    }),
  };
}

/** One page of the seller's deals, its filter buttons, and Previous / Next that replace the card in place. */
export function dealListCard(page: PageName, filter: Status | undefined, result: DealPage, ctx: ViewContext, notice = ''): Card {
  const { t } = ctx;
  const edge = (deal: Deal | undefined) => (deal ? { at: deal.updatedAt, id: deal.id } : {});
  const filters = [undefined, ...PAGES[page]].map((value) => ({
    value: value ?? '',
    title: value ? t(`status.${value}`) : t('list.all'),
    style: value === filter ? 'positive' : 'default',
  }));
  return bindCard('deal-list', {
    t: {
      title: t(`pages.${page}`),
      // "Showing: All" says something only beside the filter buttons that change it.
      filteredBy: PAGES[page].length > 1 ? t('list.filteredBy', { filter: filter ? t(`status.${filter}`) : t('list.all') }) : '',
      empty: t('list.empty'),
      open: t('list.open'),
      next: t('list.next'),
      previous: t('list.previous'),
      register: t('welcome.register'),
    },
    notice,
    page,
    filter: filter ?? '',
    filters: PAGES[page].length > 1 ? filters : [],
    rows: result.deals.map((deal) => dealRow(deal, ctx)),
    paging: {
      hasNewer: result.hasNewer,
      hasOlder: result.hasOlder,
      first: edge(result.deals[0]),
      last: edge(result.deals.at(-1)),
      asOf: result.latestChange ?? '',
    },
  });
}

import type { Deal } from '../../src/domain/deal.js';
import { dealRef } from '../../src/domain/deal-ref.js';
import { formatDateTime, formatMoney } from '../format.js';
import { bindCard, type Card } from '../render.js';
import { valueAndWarnings } from './deal-sections.js';
import type { ViewContext } from './view-context.js';

/** A thumbnail card: how a search result or an unfurled link is listed before it is sent. */
export interface Preview {
  title: string;
  subtitle: string;
  text: string;
}

/** What a colleague may see of a deal: no registration contact, nothing the seller typed but the customer. */
function sharedRows(deal: Deal, ctx: ViewContext): { label: string; value: string }[] {
  const { t } = ctx;
  const f = deal.fields;
  const solution = f.solution ? (ctx.solutions.find((s) => s.id === f.solution?.solutionId)?.name ?? f.solution.solutionId) : '';
  return [
    { label: t('fields.solutionId'), value: solution },
    { label: t('fields.totalValue'), value: f.value ? formatMoney(f.value.totalValue, f.value.currency, ctx.formatLocale) : '' },
    { label: t('fields.annualValue'), value: valueAndWarnings(deal, ctx).annualValue },
    { label: t('fields.status'), value: t(`status.${deal.status}`) },
    { label: t('detail.lastChange'), value: formatDateTime(deal.updatedAt, ctx.formatLocale, ctx.timeZone) },
    { label: t('shared.seller'), value: deal.ownerName ?? '' },
  ].filter((row) => row.value !== '');
}

/**
 * The shared deal card: a read-only snapshot a seller puts into any conversation (from the compose box's
 * search, or a pasted link), with "Open in Dealbot" for those allowed to open it.
 */
export function sharedDealCard(deal: Deal, ctx: ViewContext, now: Date): Card {
  const { t } = ctx;
  return bindCard('shared-deal', {
    t: {
      title: t('shared.title', { ref: dealRef(deal.id) }),
      snapshot: t('shared.snapshot', { when: formatDateTime(now.toISOString(), ctx.formatLocale, ctx.timeZone) }),
      open: t('shared.open'),
    },
    customer: deal.fields.customer?.companyName ?? t('list.noCustomer'),
    rows: sharedRows(deal, ctx),
    card: { dealId: deal.id },
  });
}

/** The result list's line for a deal: customer, then reference and status, then the value. */
export function sharedDealPreview(deal: Deal, ctx: ViewContext): Preview {
  const { t } = ctx;
  const value = deal.fields.value;
  return {
    title: deal.fields.customer?.companyName ?? t('list.noCustomer'),
    subtitle: `${dealRef(deal.id)} · ${t(`status.${deal.status}`)}`,
    text: value ? formatMoney(value.totalValue, value.currency, ctx.formatLocale) : '',
  };
}

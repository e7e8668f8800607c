import { annualValue } from '../../src/domain/annual-value.js';
import type { Deal } from '../../src/domain/deal.js';
import { dealRef } from '../../src/domain/deal-ref.js';
import { Registration } from '../../src/domain/registration.js';
import type { QueueFilter, QueuePage } from '../../src/domain/review-queue.js';
import { enteredReviewAt } from '../../src/domain/review-queue.js';
import { countryName, formatMoney, formatWaited } from '../format.js';
import { bindCard, type Card } from '../render.js';
import type { ViewContext } from './view-context.js';

/** Deals on one queue card: five, so a page fits a Teams card without scrolling far. */
export const QUEUE_PAGE_SIZE = 5;

/** One waiting deal as a queue row: customer, solution, reference, annual value, time waited, duplicate flag. */
function queueRow(deal: Deal, hasDuplicates: boolean, ctx: ViewContext, now: Date) {
  const { t } = ctx;
  const reg = Registration.safeParse(deal.fields);
  const acv = reg.success ? annualValue(reg.data, ctx.policy) : undefined;
  const solutionId = deal.fields.solution?.solutionId ?? '';
  const value = acv ? formatMoney(acv.amount, acv.currency, ctx.formatLocale) : t('list.noValue');
  const waited = formatWaited(now.getTime() - Date.parse(enteredReviewAt(deal)), ctx.formatLocale);
  return {
    id: deal.id,
    customer: deal.fields.customer?.companyName ?? t('list.noCustomer'),
    solution: ctx.solutions.find((s) => s.id === solutionId)?.name ?? solutionId,
    value,
    waited,
    line: t('queue.row', { ref: dealRef(deal.id), value, waited }),
    duplicate: hasDuplicates ? t('queue.duplicate') : '',
  };
}

/** The review queue: a page of waiting deals, country and solution filters, Previous / Next in place. */
export function reviewQueueCard(page: QueuePage, filter: QueueFilter, duplicates: ReadonlySet<string>, ctx: ViewContext, now: Date): Card {
  const { t } = ctx;
  const first = page.total === 0 ? 0 : page.offset + 1;
  return bindCard('review-queue', {
    t: {
      title: t('queue.title'),
      summary: page.total === 0 ? '' : t('queue.summary', { first, last: page.offset + page.deals.length, total: page.total }),
      country: t('queue.country'),
      solution: t('queue.solution'),
      any: t('queue.any'),
      filter: t('queue.filter'),
      clear: t('queue.clear'),
      open: t('list.open'),
      empty: filter.country || filter.solution ? t('queue.emptyFiltered') : t('queue.empty'),
      previous: t('list.previous'),
      next: t('list.next'),
    },
    notice: '',
    filter: { country: filter.country ?? '', solution: filter.solution ?? '' },
    filtered: Boolean(filter.country || filter.solution),
    countries: page.countries.map((code) => ({ value: code, title: countryName(code, ctx.formatLocale) })),
    solutions: page.solutions.map((id) => ({ value: id, title: ctx.solutions.find((s) => s.id === id)?.name ?? id })),
    rows: page.deals.map((deal) => queueRow(deal, duplicates.has(deal.id), ctx, now)),
    paging: {
      hasPrevious: page.offset > 0,
      previous: Math.max(0, page.offset - QUEUE_PAGE_SIZE),
      hasNext: page.offset + page.deals.length < page.total,
      next: page.offset + QUEUE_PAGE_SIZE,
    },
  });
}

/** The day's digest in a review conversation: how many deals have waited too long, oldest first, each with Open. */
export function reviewDigestCard(deals: readonly Deal[], afterMs: number, ctx: ViewContext, now: Date): Card {
  const { t } = ctx;
  return bindCard('review-digest', {
    t: {
      title: t('deskDigest.title', { count: deals.length, after: formatWaited(afterMs, ctx.formatLocale) }),
      open: t('deskDigest.open'),
      queue: t('deskDigest.queue'),
    },
    rows: deals.map((deal) => {
      const row = queueRow(deal, false, ctx, now);
      return {
        id: deal.id,
        line: t('deskDigest.row', { ref: dealRef(deal.id), customer: row.customer, value: row.value, waited: row.waited }),
      };
    }),
  });
}

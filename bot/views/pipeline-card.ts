import { Decimal } from 'decimal.js';
import { type PipelineRow, pipelineCurrencies } from '../../src/domain/pipeline.js';
import { formatMoney, formatNumber } from '../format.js';
import { bindCard, type Card } from '../render.js';
import { VERBS } from '../verbs.js';
import type { ViewContext } from './view-context.js';

/**
 * The pipeline at a glance: deals per status as a donut, annual value per status as horizontal bars (one
 * chart per currency: Dealbot converts none), each chart with a table for clients that cannot draw it.
 * `scope` says whose: the seller's own deals, or the tenant's (the deal desk's).
 */
export function pipelineCard(rows: readonly PipelineRow[], scope: 'mine' | 'desk', ctx: ViewContext): Card {
  const { t, formatLocale } = ctx;
  const total = rows.reduce((n, r) => n + r.count, 0);
  const label = (r: PipelineRow) => t(`status.${r.status}`);
  const bars = pipelineCurrencies(rows).map((currency) => ({
    title: t('pipeline.valueByStatus', { currency }),
    points: rows
      .filter((r) => r.count > 0)
      .map((r) => {
        const amount = r.annualValue.find((v) => v.currency === currency)?.amount ?? '0';
        return { label: label(r), value: new Decimal(amount).toNumber(), formatted: formatMoney(amount, currency, formatLocale) };
      }),
  }));
  return bindCard('pipeline', {
    t: {
      title: t(scope === 'mine' ? 'pipeline.title' : 'pipeline.deskTitle'),
      summary: total === 0 ? t('pipeline.empty') : t('pipeline.summary', { count: total, formatted: formatNumber(total, formatLocale) }),
      byStatus: t('pipeline.byStatus'),
    },
    total,
    // A status with no deals is no slice: a donut legend of empty statuses only said "+3 items".
    rows: rows.filter((r) => r.count > 0).map((r) => ({ label: label(r), count: r.count, countText: formatNumber(r.count, formatLocale) })),
    bars,
    buttons:
      scope === 'mine'
        ? [{ verb: VERBS.dealsList, title: t('welcome.myDeals'), data: {} }]
        : [{ verb: VERBS.queuePage, title: t('deskDigest.queue'), data: { offset: 0 } }],
  });
}

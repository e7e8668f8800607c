import type { Deal } from '../../src/domain/deal.js';
import { bindCard, type Card } from '../render.js';
import { dealSections, valueAndWarnings } from './deal-sections.js';
import type { ViewContext } from './view-context.js';

/** The wizard's last screen: the whole deal, Edit per section, Register and Back. */
export function summaryCard(deal: Deal, ctx: ViewContext, notice = ''): Card {
  const { t } = ctx;
  return bindCard('deal-summary', {
    t: {
      title: t('summary.title'),
      status: t('fields.status'),
      annualValue: t('fields.annualValue'),
      warnings: t('summary.warnings'),
      register: t('buttons.register'),
      back: t('buttons.back'),
    },
    notice,
    status: t(`status.${deal.status}`),
    card: { dealId: deal.id, version: deal.version },
    sections: dealSections(deal, ctx),
    ...valueAndWarnings(deal, ctx),
  });
}

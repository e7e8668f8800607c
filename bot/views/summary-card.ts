import type { Deal } from '../../src/domain/deal.js';
import { dealRef } from '../../src/domain/deal-ref.js';
import { formatDate } from '../format.js';
import { bindCard, type Card } from '../render.js';
import { reviewerComment } from './deal-detail-card.js';
import { dealSections, flaggedChanges, valueAndWarnings } from './deal-sections.js';
import { duplicateLines } from './duplicate-lines.js';
import { fileLines } from './file-lines.js';
import type { ViewContext } from './view-context.js';

/** The wizard's last screen: the whole deal, Edit per section, Register and Back. */
export function summaryCard(deal: Deal, ctx: ViewContext, notice = '', duplicates: readonly Deal[] = []): Card {
  const { t } = ctx;
  const { annualValue, warnings } = valueAndWarnings(deal, ctx);
  const duplicateWarnings = duplicateLines(
    duplicates,
    (d) =>
      t('summary.duplicate', {
        ref: dealRef(d.id),
        when: formatDate((d.registeredAt ?? d.createdAt).slice(0, 10), ctx.formatLocale),
        status: t(`status.${d.status}`),
      }),
    t,
  );
  const changes = flaggedChanges(deal, ctx).map((c) => ({
    ...c,
    line: c.changed ? t('summary.changed', { before: c.before, after: c.after }) : t('summary.unchanged', { value: c.after }),
  }));
  const askedAgain = deal.wizard.update?.unchangedConfirmed === true && changes.some((c) => !c.changed);
  return bindCard('deal-summary', {
    files: fileLines(deal, ctx),
    t: {
      files: t('files.title'),
      title: t('summary.title'),
      status: t('fields.status'),
      annualValue: t('fields.annualValue'),
      warnings: t('summary.warnings'),
      register: t(askedAgain ? 'buttons.registerAnyway' : 'buttons.register'),
      back: t('buttons.back'),
      reviewNote: t('wizard.reviewNote'),
      checked: t('summary.checked'),
      exception: t('exception.requested'),
    },
    exception: deal.exception?.reason ?? '',
    notice,
    reviewNote: deal.wizard.update ? reviewerComment(deal) : '',
    changes,
    status: t(`status.${deal.status}`),
    card: { dealId: deal.id, version: deal.version },
    sections: dealSections(deal, ctx),
    annualValue,
    warnings: [...duplicateWarnings, ...warnings],
  });
}

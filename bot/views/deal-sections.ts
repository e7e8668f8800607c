import { annualValue, registrationWarnings } from '../../src/domain/annual-value.js';
import type { Deal } from '../../src/domain/deal.js';
import { Registration, STEPS, type StepField } from '../../src/domain/registration.js';
import { unchangedFlagged } from '../../src/domain/wizard.js';
import { formatMoney, formatNumber } from '../format.js';
import { fieldRows, rowOf } from './field-views.js';
import type { ViewContext } from './view-context.js';

/**
 * In an update, each field the deal desk flagged: its label, its value when the deal came back and now,
 * and whether the seller changed it.
 */
export function flaggedChanges(deal: Deal, ctx: ViewContext): { label: string; before: string; after: string; changed: boolean }[] {
  const before = deal.wizard.update?.before;
  if (!before) return [];
  const rowsOf = (fields: Deal['fields']) => STEPS.flatMap((step) => fieldRows(deal, fields, step, ctx));
  const [was, now] = [rowsOf(before), rowsOf(deal.fields)];
  const unchanged = new Set(unchangedFlagged(deal));
  return deal.flagged.map((field) => {
    const shown = rowOf(field as StepField);
    const after = now.find((r) => r.field === shown);
    return {
      label: ctx.t(`fields.${field}`, { defaultValue: field }),
      before: was.find((r) => r.field === shown)?.value ?? '',
      after: after?.value ?? '',
      changed: !unchanged.has(field),
    };
  });
}

/** Every group of the deal as labelled rows, in the wizard's order; user text stays plain text. */
export function dealSections(deal: Deal, ctx: ViewContext) {
  const { t } = ctx;
  return STEPS.map((step) => ({
    step,
    title: t(`steps.${step}`),
    // "Edit Customer" in English; "Redigera kund", not "Redigera Kund", where nouns take no capital.
    editTitle: t('buttons.editStep', {
      name: ctx.locale === 'en' ? t(`steps.${step}`) : t(`steps.${step}`).toLocaleLowerCase(ctx.formatLocale),
    }),
    rows: fieldRows(deal, deal.fields, step, ctx),
  }));
}

/** The annual contract value line and the warnings, once every group is filled in. */
export function valueAndWarnings(deal: Deal, ctx: ViewContext): { annualValue: string; warnings: { text: string }[] } {
  const { t } = ctx;
  const complete = Registration.safeParse(deal.fields);
  if (!complete.success) return { annualValue: '', warnings: [] };
  const acv = annualValue(complete.data, ctx.policy);
  return {
    annualValue: t('fields.annualValueOver', {
      amount: formatMoney(acv.amount, acv.currency, ctx.formatLocale),
      years: formatNumber(acv.years, ctx.formatLocale),
    }),
    warnings: registrationWarnings(complete.data, ctx.policy).map((w) => ({
      text: t(`warnings.${w.code}`, {
        ...w.params,
        minimum: formatMoney(w.params.minimum ?? '0', w.params.currency ?? 'USD', ctx.formatLocale),
      }),
    })),
  };
}

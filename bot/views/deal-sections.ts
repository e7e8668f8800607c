import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { annualValue, registrationWarnings } from '../../src/domain/annual-value.js';
import type { Deal } from '../../src/domain/deal.js';
import { Registration, STEPS, type Step } from '../../src/domain/registration.js';
import { unchangedFlagged } from '../../src/domain/wizard.js';
import { countryName, formatDate, formatMoney, formatNumber } from '../format.js';
import type { ViewContext } from './view-context.js';

type Row = { field: string; label: string; value: string };

function sectionRows(deal: Deal, step: Step, ctx: ViewContext): Row[] {
  const { t, formatLocale: loc } = ctx;
  const f = deal.fields;
  // The label may be a variant (pay-as-you-go dates); `field` stays the card field's own name.
  const row = (label: string, value: string | undefined, field = label): Row => ({
    field,
    label: t(`fields.${label}`),
    value: value ?? '',
  });
  const payg = f.value?.billingModel === 'payg';
  switch (step) {
    case 'customer':
      return f.customer
        ? [
            row('companyName', f.customer.companyName),
            row('country', countryName(f.customer.country, loc)),
            row('city', f.customer.city),
            ...(f.customer.state ? [row('state', f.customer.state)] : []),
          ]
        : [];
    case 'solution':
      return f.solution
        ? [
            row('solutionId', ctx.solutions.find((s) => s.id === f.solution?.solutionId)?.name ?? f.solution.solutionId),
            row('contractType', t(`choices.contractType.${f.solution.contractType}`)),
          ]
        : [];
    case 'value':
      return f.value
        ? [
            row('billingModel', t(`choices.billingModel.${f.value.billingModel}`)),
            row('totalValue', formatMoney(f.value.totalValue, f.value.currency, loc)),
            row('solutionValue', formatMoney(f.value.solutionValue, f.value.currency, loc)),
          ]
        : [];
    case 'deployment':
      return f.deployment
        ? [
            row('deployedOn', t(`choices.deployedOn.${f.deployment.deployedOn}`)),
            row('deployedWhere', t(`choices.deployedWhere.${f.deployment.deployedWhere}`)),
          ]
        : [];
    case 'dates':
      return f.dates
        ? [
            row(payg ? 'startDatePayg' : 'startDate', formatDate(f.dates.startDate, loc), 'startDate'),
            row(
              payg ? 'endDatePayg' : 'endDate',
              f.dates.endDate === null ? t('summary.perpetual') : formatDate(f.dates.endDate, loc),
              'endDate',
            ),
            row(payg ? 'signedDatePayg' : 'signedDate', formatDate(f.dates.signedDate, loc), 'signedDate'),
          ]
        : [];
    case 'contact':
      return f.contact
        ? [
            row('firstName', f.contact.firstName),
            row('lastName', f.contact.lastName),
            row('phone', parsePhoneNumberFromString(f.contact.phone)?.formatInternational() ?? f.contact.phone),
            row('email', f.contact.email),
          ]
        : [];
  }
}

/** Fields shown within another's row: the currency in the amounts, the end's kind in the end date. */
const SHOWN_IN: Record<string, string> = { currency: 'totalValue', endKind: 'endDate' };

/**
 * In an update, each field the deal desk flagged: its label, its value when the deal came back and now,
 * and whether the seller changed it.
 */
export function flaggedChanges(deal: Deal, ctx: ViewContext): { label: string; before: string; after: string; changed: boolean }[] {
  const before = deal.wizard.update?.before;
  if (!before) return [];
  const rowsOf = (fields: Deal['fields']) => STEPS.flatMap((step) => sectionRows({ ...deal, fields }, step, ctx));
  const [was, now] = [rowsOf(before), rowsOf(deal.fields)];
  const unchanged = new Set(unchangedFlagged(deal));
  return deal.flagged.map((field) => {
    const shown = SHOWN_IN[field] ?? field;
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
    editTitle: t('buttons.editStep', { name: t(`steps.${step}`) }),
    rows: sectionRows(deal, step, ctx),
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

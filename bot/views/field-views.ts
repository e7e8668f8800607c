import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Deal } from '../../src/domain/deal.js';
import { type Registration, STEP_FIELDS, STEPS, type Step, type StepField } from '../../src/domain/registration.js';
import { amountForInput, countryName, formatDate, formatMoney } from '../format.js';
import type { ViewContext } from './view-context.js';

/**
 * How one field of the wizard is shown: its label, its row where the deal is read (summary, detail, review
 * card), and what its input holds when the step is opened again. Every field of every step has one, so a
 * new field is described here once (besides its schema, its input in the step's card and its label text).
 */
interface FieldView<S extends Step> {
  /** The key of its label under `fields.` when it depends on the deal: pay-as-you-go words its dates as invoice dates. Default: its name. */
  label?: (payg: boolean) => string;
  /** Its row's value, as people read it; undefined leaves the row out. Absent: shown in `shownIn`'s row. */
  row?: (group: Registration[S], ctx: ViewContext) => string | undefined;
  /** What its input holds for the saved group. Absent: the saved value as it is. */
  input?: (group: Registration[S], formatLocale: string) => string;
  /** The field whose row shows this one (the currency is in the amounts). */
  shownIn?: StepField;
}

const paygDate = (name: string) => (payg: boolean) => (payg ? `${name}Payg` : name);

export const FIELD_VIEWS: { [S in Step]: { [F in StepField<S>]: FieldView<S> } } = {
  customer: {
    companyName: { row: (c) => c.companyName },
    country: { row: (c, ctx) => countryName(c.country, ctx.formatLocale) },
    city: { row: (c) => c.city },
    state: { row: (c) => c.state || undefined },
  },
  solution: {
    solutionId: { row: (s, ctx) => ctx.solutions.find((known) => known.id === s.solutionId)?.name ?? s.solutionId },
    contractType: { row: (s, ctx) => ctx.t(`choices.contractType.${s.contractType}`) },
  },
  value: {
    billingModel: { row: (v, ctx) => ctx.t(`choices.billingModel.${v.billingModel}`) },
    currency: { shownIn: 'totalValue' },
    totalValue: {
      row: (v, ctx) => formatMoney(v.totalValue, v.currency, ctx.formatLocale),
      input: (v, formatLocale) => amountForInput(v.totalValue, formatLocale),
    },
    solutionValue: {
      row: (v, ctx) => formatMoney(v.solutionValue, v.currency, ctx.formatLocale),
      input: (v, formatLocale) => amountForInput(v.solutionValue, formatLocale),
    },
  },
  deployment: {
    deployedOn: { row: (d, ctx) => ctx.t(`choices.deployedOn.${d.deployedOn}`) },
    deployedWhere: { row: (d, ctx) => ctx.t(`choices.deployedWhere.${d.deployedWhere}`) },
  },
  dates: {
    startDate: { label: paygDate('startDate'), row: (d, ctx) => formatDate(d.startDate, ctx.formatLocale) },
    endKind: { shownIn: 'endDate', input: (d) => (d.endDate === null ? 'perpetual' : 'date') },
    endDate: {
      label: paygDate('endDate'),
      row: (d, ctx) => (d.endDate === null ? ctx.t('summary.perpetual') : formatDate(d.endDate, ctx.formatLocale)),
      input: (d) => d.endDate ?? '',
    },
    signedDate: { label: paygDate('signedDate'), row: (d, ctx) => formatDate(d.signedDate, ctx.formatLocale) },
  },
  contact: {
    firstName: { row: (c) => c.firstName },
    lastName: { row: (c) => c.lastName },
    phone: { row: (c) => parsePhoneNumberFromString(c.phone)?.formatInternational() ?? c.phone },
    email: { row: (c) => c.email },
  },
};

const viewOf = <S extends Step>(step: S, field: StepField<S>): FieldView<S> => FIELD_VIEWS[step][field];
const isPayg = (deal: Deal) => deal.fields.value?.billingModel === 'payg';

/** The key of a field's label under `fields.`, as this deal words it. */
export function labelKey(deal: Deal, step: Step, field: StepField): string {
  return viewOf(step, field as never).label?.(isPayg(deal)) ?? field;
}

/** One labelled row per shown field of the step's saved group (none before the step is done). */
export function fieldRows(
  deal: Deal,
  fields: Deal['fields'],
  step: Step,
  ctx: ViewContext,
): { field: StepField; label: string; value: string }[] {
  const group = fields[step];
  if (!group) return [];
  // Pay-as-you-go: the date of the first invoice is both the start and the signed date, and its row says so.
  const dates = step === 'dates' ? (group as { startDate?: string; signedDate?: string }) : undefined;
  const oneInvoiceDate = isPayg(deal) && dates?.signedDate === dates?.startDate;
  return STEP_FIELDS[step].flatMap((field) => {
    if (oneInvoiceDate && field === 'signedDate') return [];
    const value = viewOf(step, field as never).row?.(group as never, ctx);
    return value === undefined ? [] : [{ field, label: ctx.t(`fields.${labelKey(deal, step, field)}`), value }];
  });
}

/** What the step's inputs hold for its saved group, by field. */
export function fieldInputs(deal: Deal, step: Step, formatLocale: string): Record<string, string | undefined> {
  const group = deal.fields[step] as Record<string, unknown> | undefined;
  if (!group) return {};
  return Object.fromEntries(
    STEP_FIELDS[step].map((field) => {
      const input = viewOf(step, field as never).input;
      return [field, input ? input(group as never, formatLocale) : (group[field] as string | undefined)];
    }),
  );
}

/** The row a field is read in: its own, or the one that shows it. */
export function rowOf(field: StepField): StepField {
  const step = STEPS.find((s) => (STEP_FIELDS[s] as readonly string[]).includes(field));
  return (step && viewOf(step, field as never).shownIn) || field;
}

/** Every field's label as this deal words it, by field name (what a wizard step's card binds as `t.<field>`). */
export function fieldLabels(deal: Deal, ctx: ViewContext): Record<string, string> {
  return Object.fromEntries(
    STEPS.flatMap((step) => STEP_FIELDS[step].map((field) => [field, ctx.t(`fields.${labelKey(deal, step, field)}`)])),
  );
}

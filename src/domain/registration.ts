import {
  getExampleNumber,
  isSupportedCountry,
  isValidPhoneNumber,
  type CountryCode as PhoneCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';
import mobileExamples from 'libphonenumber-js/mobile/examples';
import { z } from 'zod';
import { COUNTRIES_WITH_STATES, CountryCode, countryFromTyped } from './countries.js';
import { CalendarDate, daysBetween } from './dates.js';
import { type FieldErrors, type Parsed, parseWith } from './field-error.js';
import { Currency, compareAmounts, currencyFromTyped, parseAmount } from './money.js';
import type { RegistrationPolicy } from './policy.js';
import { lineOfText, optionalLineOfText } from './text.js';

/** The wizard's steps, in order; each fills one group of the registration. */
export const STEPS = ['customer', 'solution', 'value', 'deployment', 'dates', 'contact'] as const;
export const Step = z.enum(STEPS);
export type Step = z.infer<typeof Step>;

/**
 * The registration's fixed choices, each declared once: the wizard's cards, the API's schemas (and so its
 * OpenAPI document) and referrals derive from these.
 */
export const ContractType = z.enum(['new', 'renewal']);
export type ContractType = z.infer<typeof ContractType>;
export const BillingModel = z.enum(['fixed', 'payg']);
export const DeployedOn = z.enum(['azure', 'other']);
export const DeployedWhere = z.enum(['customer_tenant', 'partner_tenant']);
/** The dates step's end: a date, or perpetual (stored as an end date of null). */
export const EndKind = z.enum(['date', 'perpetual']);
export const FIXED_CHOICES = {
  contractType: ContractType,
  billingModel: BillingModel,
  deployedOn: DeployedOn,
  deployedWhere: DeployedWhere,
  endKind: EndKind,
} as const;

/** A fixed choice as a step's input: one of its values, else "choose one". */
const chosen = <E extends Readonly<Record<string, string>>>(choice: z.ZodEnum<E>) => z.enum(choice.enum, { error: 'choice.required' });

export const Customer = z.object({
  companyName: z.string(),
  country: CountryCode,
  city: z.string(),
  state: z.string().optional(),
});
export const SolutionChoice = z.object({ solutionId: z.string(), contractType: ContractType });
export const DealValue = z.object({
  billingModel: BillingModel,
  currency: Currency,
  totalValue: z.string(),
  solutionValue: z.string(),
});
export const Deployment = z.object({
  deployedOn: DeployedOn,
  deployedWhere: DeployedWhere,
});
export const ContractDates = z.object({
  startDate: CalendarDate,
  endDate: CalendarDate.nullable(), // null: perpetual
  signedDate: CalendarDate,
});
export const Contact = z.object({
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string(), // E.164
  email: z.string(),
});

/** What a deal holds: each group once its step has been validated. */
export const RegistrationDraft = z.object({
  customer: Customer.optional(),
  solution: SolutionChoice.optional(),
  value: DealValue.optional(),
  deployment: Deployment.optional(),
  dates: ContractDates.optional(),
  contact: Contact.optional(),
});
export type RegistrationDraft = z.infer<typeof RegistrationDraft>;
export const Registration = RegistrationDraft.required();
export type Registration = z.infer<typeof Registration>;

/** What a step's validation needs besides the inputs. */
export interface StepContext {
  decimalSeparator: ',' | '.';
  /** The user's today, YYYY-MM-DD. */
  today: string;
  policy: RegistrationPolicy;
  solutionIds: readonly string[];
  /** Groups already filled in, for rules that cross steps (a phone number read in the customer's country). */
  draft: RegistrationDraft;
  /** The seller asked the deal desk for an exception: the registration window does not apply. */
  exceptionRequested?: boolean;
  /** The seller's locale, for countries and currencies typed by name rather than picked. */
  formatLocale?: string;
  /**
   * Where the registration contact's phone number is read: the seller's own organisation's country (the
   * contact is a colleague, not the customer). A number with "+" is international anywhere.
   */
  phoneRegion?: string;
}

export type StepInputs = Record<string, string>;
const raw = (inputs: StepInputs, key: string) => inputs[key] ?? '';

// The steps' input schemas are built once: building a zod schema costs more than parsing with it.
const CustomerInputs = z
  .object({
    companyName: lineOfText(200),
    country: z.string().pipe(CountryCode),
    city: lineOfText(100),
    state: optionalLineOfText(100),
  })
  .superRefine((c, ctx) => {
    if (COUNTRIES_WITH_STATES.has(c.country) && !c.state) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: 'state.required' });
    }
  });

function parseCustomer(inputs: StepInputs, ctx: StepContext): Parsed<z.infer<typeof Customer>> {
  const country = countryFromTyped(raw(inputs, 'country'), ctx.formatLocale) ?? raw(inputs, 'country').toUpperCase();
  return parseWith(CustomerInputs, { ...inputs, country });
}

function parseSolution(inputs: StepInputs, ctx: StepContext): Parsed<z.infer<typeof SolutionChoice>> {
  const schema = z.object({
    solutionId: z.string().refine((id) => ctx.solutionIds.includes(id), { error: 'solution.unknown' }),
    contractType: chosen(ContractType),
  });
  return parseWith(schema, inputs);
}

function parseValue(inputs: StepInputs, ctx: StepContext): Parsed<z.infer<typeof DealValue>> {
  const errors: FieldErrors = {};
  const billing = BillingModel.safeParse(inputs.billingModel);
  if (!billing.success) errors.billingModel = { code: 'choice.required' };
  const currency = Currency.safeParse(
    currencyFromTyped(raw(inputs, 'currency'), ctx.formatLocale) ?? raw(inputs, 'currency').toUpperCase(),
  );
  if (!currency.success) errors.currency = { code: 'currency.invalid' };
  const amounts: Record<string, string> = {};
  for (const field of ['totalValue', 'solutionValue'] as const) {
    const text = raw(inputs, field).trim();
    if (!text) {
      errors[field] = { code: 'money.required' };
      continue;
    }
    const parsed = parseAmount(text, ctx.decimalSeparator, currency.success ? currency.data : 'USD');
    if (parsed.ok) amounts[field] = parsed.amount;
    else errors[field] = { code: parsed.problem, params: parsed.digits === undefined ? {} : { digits: parsed.digits } };
  }
  if (amounts.totalValue && amounts.solutionValue && compareAmounts(amounts.solutionValue, amounts.totalValue) > 0) {
    errors.solutionValue = { code: 'money.solution_exceeds_total' };
  }
  if (Object.keys(errors).length > 0 || !billing.success || !currency.success) return { ok: false, errors };
  return {
    ok: true,
    value: {
      billingModel: billing.data,
      currency: currency.data,
      totalValue: amounts.totalValue!,
      solutionValue: amounts.solutionValue!,
    },
  };
}

const DeploymentInputs = z.object({
  deployedOn: chosen(DeployedOn),
  deployedWhere: chosen(DeployedWhere),
});

function parseDeployment(inputs: StepInputs): Parsed<z.infer<typeof Deployment>> {
  return parseWith(DeploymentInputs, inputs);
}

/** The codes of the registration window's refusals, which an exception request answers. */
export const WINDOW_ERRORS = ['window.signed_too_old', 'window.start_too_old'];

/** The registration window and the date rules: Partner Center's, as the policy sets them (SIGNED_WITHIN_DAYS, START_WITHIN_DAYS). */
export function checkDates(
  dates: z.infer<typeof ContractDates>,
  ctx: Pick<StepContext, 'today' | 'policy' | 'exceptionRequested'>,
): FieldErrors {
  const errors: FieldErrors = {};
  const { policy, today } = ctx;
  const windowApplies = !ctx.exceptionRequested;
  if (dates.signedDate > today) errors.signedDate = { code: 'date.signed_in_future' };
  else if (windowApplies && daysBetween(dates.signedDate, today) > policy.signedWithinDays) {
    errors.signedDate = { code: 'window.signed_too_old', params: { days: policy.signedWithinDays } };
  }
  if (windowApplies && daysBetween(dates.startDate, today) > policy.startWithinDays) {
    errors.startDate = { code: 'window.start_too_old', params: { days: policy.startWithinDays } };
  }
  if (dates.endDate !== null && dates.endDate < dates.startDate) errors.endDate = { code: 'date.end_before_start' };
  return errors;
}

const dateInput = (message: string) => z.string().min(1, { error: message }).pipe(CalendarDate);
const EndDateInput = dateInput('date.end_required');
const DatesInputs = z
  .object({
    startDate: dateInput('date.required'),
    endKind: chosen(EndKind),
    endDate: z.string().optional(),
    signedDate: dateInput('date.required'),
  })
  .transform((d, zctx) => {
    let endDate: string | null = null;
    if (d.endKind === 'date') {
      const end = EndDateInput.safeParse(d.endDate ?? '');
      if (!end.success) {
        zctx.addIssue({ code: 'custom', path: ['endDate'], message: end.error.issues[0]?.message ?? 'date.invalid' });
        return z.NEVER;
      }
      endDate = end.data;
    }
    return { startDate: d.startDate, endDate, signedDate: d.signedDate };
  });

/**
 * Pay-as-you-go asks the date of the first invoice once (the seed uses it as both the start and the signed
 * date), so the signed date is the start date, and what is said of it is said at the start date's input.
 */
function parseDates(inputs: StepInputs, ctx: StepContext): Parsed<z.infer<typeof ContractDates>> {
  const payg = ctx.draft.value?.billingModel === 'payg';
  const parsed = parseWith(DatesInputs, payg ? { ...inputs, signedDate: inputs.startDate ?? '' } : inputs);
  const errors = parsed.ok ? checkDates(parsed.value, ctx) : parsed.errors;
  if (payg && errors.signedDate) {
    errors.startDate ??= errors.signedDate;
    delete errors.signedDate;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : parsed;
}

/**
 * A phone number written without its country code is read in the seller's organisation's country (the
 * contact is a colleague), and failing that in the customer's: a Swedish customer's number typed as
 * "070-123 45 67" by a seller whose Teams speaks US English is taken as Swedish. Schemas are kept per pair.
 */
const contactInputs = new Map<string, ReturnType<typeof contactInputsIn>>();
function contactInputsIn(regions: readonly PhoneCountry[]) {
  const regionOf = (p: string) => regions.find((r) => isValidPhoneNumber(p, r));
  return z.object({
    firstName: lineOfText(100),
    lastName: lineOfText(100),
    phone: z
      .string()
      .trim()
      .min(1, { error: 'phone.required' })
      .max(40, { error: 'phone.invalid' })
      .refine((p) => regionOf(p) !== undefined || isValidPhoneNumber(p), { error: 'phone.invalid' })
      .transform((p) => parsePhoneNumberFromString(p, regionOf(p))!.number),
    email: z
      .string()
      .trim()
      .min(1, { error: 'email.required' })
      .max(254, { error: 'email.invalid' })
      .pipe(z.email({ error: 'email.invalid' })),
  });
}

/** The countries a national phone number is tried in, in order: the organisation's, then the customer's. */
export function phoneRegionsOf(draft: Partial<Registration>, organisation: string | undefined): PhoneCountry[] {
  const regions = [organisation, draft.customer?.country].filter((r): r is PhoneCountry => r !== undefined && isSupportedCountry(r));
  return [...new Set(regions)];
}

/** A mobile number as the customer's country writes one (else the organisation's), with its country code. */
export function phoneExample(draft: Partial<Registration>, organisation: string | undefined): string {
  const regions = phoneRegionsOf(draft, organisation);
  const region = regions.at(-1) ?? 'SE';
  return getExampleNumber(region, mobileExamples)?.formatInternational() ?? '+46 70 123 45 67';
}

function parseContact(inputs: StepInputs, ctx: StepContext): Parsed<z.infer<typeof Contact>> {
  const regions = phoneRegionsOf(ctx.draft, ctx.phoneRegion);
  const key = regions.join(',');
  let schema = contactInputs.get(key);
  if (!schema) {
    schema = contactInputsIn(regions);
    contactInputs.set(key, schema);
  }
  const parsed = parseWith(schema, inputs);
  if (!parsed.ok && parsed.errors.phone?.code === 'phone.invalid') {
    parsed.errors.phone.params = { example: phoneExample(ctx.draft, ctx.phoneRegion) };
  }
  return parsed;
}

/** Validates one step's inputs into its group of the registration. */
export function parseStep(step: Step, inputs: StepInputs, ctx: StepContext): Parsed<unknown> {
  switch (step) {
    case 'customer':
      return parseCustomer(inputs, ctx);
    case 'solution':
      return parseSolution(inputs, ctx);
    case 'value':
      return parseValue(inputs, ctx);
    case 'deployment':
      return parseDeployment(inputs);
    case 'dates':
      return parseDates(inputs, ctx);
    case 'contact':
      return parseContact(inputs, ctx);
  }
}

/** The field names each step's card shows, so a card never leaves a `${...}` unbound. */
export const STEP_FIELDS = {
  customer: ['companyName', 'country', 'city', 'state'],
  solution: ['solutionId', 'contractType'],
  value: ['billingModel', 'currency', 'totalValue', 'solutionValue'],
  deployment: ['deployedOn', 'deployedWhere'],
  dates: ['startDate', 'endKind', 'endDate', 'signedDate'],
  contact: ['firstName', 'lastName', 'phone', 'email'],
} as const satisfies Record<Step, readonly string[]>;
/** A field of the step's card. */
export type StepField<S extends Step = Step> = (typeof STEP_FIELDS)[S][number];

/** Every field a reviewer may flag for the seller to fix: each step's fields. */
export const FLAGGABLE_FIELDS: readonly StepField[] = STEPS.flatMap((step) => STEP_FIELDS[step]);
export const FlaggableField = z.enum(FLAGGABLE_FIELDS as [string, ...string[]]);

import { currencyOfCountry } from '../../src/domain/country-currency.js';
import type { Deal } from '../../src/domain/deal.js';
import type { FieldErrors } from '../../src/domain/field-error.js';
import { phoneExample, STEP_FIELDS, STEPS, type Step, WINDOW_ERRORS } from '../../src/domain/registration.js';
import { FROM_MESSAGE } from '../handlers/receive-text.js';
import type { Translate } from '../i18n/index.js';
import { bindCard, type Card } from '../render.js';
import { countryChoices, currencyChoices, fixedChoices } from './choices.js';
import { reviewerComment } from './deal-detail-card.js';
import { fieldLabels } from './field-views.js';
import { fileLines } from './file-lines.js';
import { stepValues } from './step-values.js';
import { errorTexts, type ViewContext } from './view-context.js';

const fieldTextsOf = new WeakMap<Translate, Record<string, string>>();
/** The catalogue's `fields` texts, looked up once per translator (i18next copies the section each time). */
function fieldTexts(t: Translate): Record<string, string> {
  let texts = fieldTextsOf.get(t);
  if (!texts) {
    texts = t('fields', { returnObjects: true }) as Record<string, string>;
    fieldTextsOf.set(t, texts);
  }
  return texts;
}

/** The texts a step's card binds as `t.…`: every field's label as this deal words it, and the hints and
 *  placeholders beside the inputs (the catalogue's `fields` texts). */
function labels(deal: Deal, ctx: ViewContext): Record<string, string> {
  const { t } = ctx;
  return {
    ...fieldTexts(t),
    ...fieldLabels(deal, ctx),
    choose: t('choices.choose'),
    required: t('errors.text.required'),
    // A number as the customer's country writes one, else the user's region's.
    phonePlaceholder: phoneExample(deal.fields, ctx.formatLocale.split('-')[1]),
  };
}

/**
 * On the dates step, once the registration window refuses a date (or the seller already asked): a reason
 * to ask the deal desk for an exception with, which lets the deal be registered for the desk to decide.
 */
function exceptionOffer(deal: Deal, step: Step, errors: FieldErrors, ctx: ViewContext) {
  const typed = deal.wizard.inputs.dates?.exceptionReason ?? deal.exception?.reason ?? '';
  const refused = Object.values(errors).some((e) => WINDOW_ERRORS.includes(e.code));
  const offered = step === 'dates' && (refused || typed !== '' || errors.exceptionReason !== undefined);
  return {
    offered,
    value: typed,
    label: ctx.t('exception.label'),
    hint: ctx.t('exception.hint'),
    error: errors.exceptionReason ? ctx.t(`errors.${errors.exceptionReason.code}`, errors.exceptionReason.params) : '',
  };
}

/** What a step starts with before the seller chose: the currency of the customer's country. */
function withDefaults(deal: Deal, step: Step, values: Record<string, string>): Record<string, string> {
  if (step !== 'value' || values.currency) return values;
  return { ...values, currency: currencyOfCountry(deal.fields.customer?.country) ?? '' };
}

/** One wizard step: the shared frame (title, progress, buttons) around the step's own inputs. */
/** "Read from contract.pdf, check it: Company name, Country/region": this step's fields a file or text filled in. */
function readFromLine(deal: Deal, step: Step, ctx: ViewContext): string {
  const readFrom = deal.wizard.readFrom ?? {};
  const bySource = new Map<string, string[]>();
  for (const field of STEP_FIELDS[step]) {
    const source = readFrom[field];
    if (source && field !== 'endKind') bySource.set(source, [...(bySource.get(source) ?? []), ctx.t(`fields.${field}`)]);
  }
  return [...bySource]
    .map(([source, fields]) =>
      ctx.t('files.readFrom', { source: source === FROM_MESSAGE ? ctx.t('files.fromMessage') : source, fields: fields.join(', ') }),
    )
    .join('\n\n');
}

export function wizardCard(
  deal: Deal,
  step: Step,
  errors: FieldErrors,
  ctx: ViewContext,
  notice = '',
  recentCurrencies: readonly string[] = [],
): Card {
  const { t } = ctx;
  const data = {
    files: fileLines(deal, ctx),
    t: {
      ...labels(deal, ctx),
      files: t('files.title'),
      title: t(deal.status === 'update_required' ? 'wizard.updateTitle' : 'wizard.title'),
      stepOf: t('wizard.stepOf', { n: STEPS.indexOf(step) + 1, total: STEPS.length, name: t(`steps.${step}`) }),
      fixBelow: t('wizard.fixBelow'),
      flagged: t('wizard.flagged'),
      reviewNote: t('wizard.reviewNote'),
      next: t('buttons.next'),
      reviewAll: t('buttons.reviewAll'),
      back: t('buttons.back'),
      cancel: t('buttons.cancel'),
    },
    notice: [notice, readFromLine(deal, step, ctx)].filter(Boolean).join('\n\n'),
    hasErrors: Object.keys(errors).length > 0,
    card: { dealId: deal.id, version: deal.version, step },
    v: withDefaults(deal, step, stepValues(deal, step, ctx.formatLocale)),
    e: errorTexts(STEP_FIELDS[step], errors, t),
    f: Object.fromEntries(STEP_FIELDS[step].map((field) => [field, deal.flagged.includes(field)])),
    reviewNote: deal.status === 'update_required' ? reviewerComment(deal) : '',
    exception: exceptionOffer(deal, step, errors, ctx),
    payg: deal.fields.value?.billingModel === 'payg',
    offerReviewAll: (deal.wizard.update?.steps.length ?? STEPS.length) < STEPS.length,
    countries: step === 'customer' ? countryChoices(ctx.formatLocale) : [],
    currencies: step === 'value' ? currencyChoices(ctx.formatLocale, recentCurrencies) : [],
    solutions: ctx.solutions,
    choices: fixedChoices(t),
  };
  const frame = bindCard('wizard-frame', data);
  const body = bindCard(`wizard-${step}`, data).body ?? [];
  return { ...frame, body: [...(frame.body ?? []), ...body] };
}

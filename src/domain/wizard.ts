import type { Deal, WizardStep } from './deal.js';
import { DealError } from './errors.js';
import type { FieldErrors } from './field-error.js';
import { checkDates, parseStep, Registration, STEPS, type Step, type StepContext, type StepInputs } from './registration.js';
import { isEditable } from './status.js';

/** What a wizard action produced: the deal to save, and the errors to show on the step, if any. */
export interface WizardOutcome {
  deal: Deal;
  errors: FieldErrors;
}

export interface Editor {
  userId: string;
  userName?: string;
  now: Date;
}

function touched(deal: Deal, now: Date, wizard: Deal['wizard'], fields = deal.fields): Deal {
  return { ...deal, fields, wizard, version: deal.version + 1, updatedAt: now.toISOString() };
}

/** A card carries the version it was drawn from; any other version means the card is out of date. */
export function assertCurrent(deal: Deal, cardVersion: number): void {
  if (!isEditable(deal.status)) throw new DealError('deal.not_editable', { status: deal.status });
  if (deal.version !== cardVersion) throw new DealError('deal.stale_card');
}

function groupOf(deal: Deal, step: Step): unknown {
  return deal.fields[step];
}

/** The first step not yet filled in, or the summary once all are. */
export function nextOpenStep(deal: Deal, after?: Step): WizardStep {
  const start = after === undefined ? 0 : STEPS.indexOf(after) + 1;
  for (const step of [...STEPS.slice(start), ...STEPS.slice(0, start)]) {
    if (groupOf(deal, step) === undefined) return step;
  }
  return 'summary';
}

/** Next on a step: validate; keep what was typed either way; move on only when it passes. */
export function submitStep(deal: Deal, step: Step, inputs: StepInputs, ctx: StepContext, now: Date): WizardOutcome {
  const parsed = parseStep(step, inputs, { ...ctx, draft: deal.fields });
  if (!parsed.ok) {
    const wizard = { step, inputs: { ...deal.wizard.inputs, [step]: inputs } };
    return { deal: touched(deal, now, wizard), errors: parsed.errors };
  }
  const { [step]: _done, ...otherInputs } = deal.wizard.inputs;
  const fields = { ...deal.fields, [step]: parsed.value };
  const moved = { ...deal, fields };
  return { deal: touched(deal, now, { step: nextOpenStep(moved, step), inputs: otherInputs }, fields), errors: {} };
}

/** Back (or Edit from the summary): keep what was typed on this step unvalidated, show another. */
export function goToStep(deal: Deal, from: WizardStep, to: Step, inputs: StepInputs | undefined, now: Date): Deal {
  const kept = from !== 'summary' && inputs ? { ...deal.wizard.inputs, [from]: inputs } : deal.wizard.inputs;
  return touched(deal, now, { step: to, inputs: kept });
}

/** Cancel: the draft stays as typed; the seller resumes it later with "continue". */
export function keepDraft(deal: Deal, step: Step, inputs: StepInputs, now: Date): Deal {
  return touched(deal, now, { step, inputs: { ...deal.wizard.inputs, [step]: inputs } });
}

export type RegisterOutcome = { ok: true; deal: Deal } | { ok: false; step: Step; errors: FieldErrors; deal: Deal };

/**
 * Register: every group must be present and the date rules must hold today (time passes between the
 * dates step and Register). A failure sends the seller to the step to fix.
 */
export function register(deal: Deal, ctx: StepContext, editor: Editor): RegisterOutcome {
  const missing = STEPS.find((s) => deal.fields[s] === undefined);
  if (missing) {
    return { ok: false, step: missing, errors: {}, deal: touched(deal, editor.now, { ...deal.wizard, step: missing }) };
  }
  const registration = Registration.parse(deal.fields);
  const dateErrors = checkDates(registration.dates, ctx);
  if (Object.keys(dateErrors).length > 0) {
    return { ok: false, step: 'dates', errors: dateErrors, deal: touched(deal, editor.now, { ...deal.wizard, step: 'dates' }) };
  }
  const at = editor.now.toISOString();
  return {
    ok: true,
    deal: {
      ...touched(deal, editor.now, { step: 'summary', inputs: {} }),
      status: 'in_review',
      flagged: [],
        registeredAt: deal.registeredAt ?? at,
      history: [...deal.history, { at, by: editor.userId, byName: editor.userName, from: deal.status, to: 'in_review' }],
    },
  };
}

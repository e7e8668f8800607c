import type { Actor } from './actor.js';
import type { Deal, WizardStep } from './deal.js';
import { type RoutingRule, routeOf } from './desk.js';
import type { FieldErrors } from './field-error.js';
import { owingDeskCard } from './outbox.js';
import { ok, type Refusal, type Result } from './refusal.js';
import { checkDates, parseStep, Registration, STEP_FIELDS, STEPS, type Step, type StepContext, type StepInputs } from './registration.js';
import { refusalOf, transition } from './transition.js';

/** What a wizard action produced: the deal to save, and the errors to show on the step, if any. */
export interface WizardOutcome {
  deal: Deal;
  errors: FieldErrors;
}

function touched(deal: Deal, now: Date, wizard: Deal['wizard'], fields = deal.fields): Deal {
  return { ...deal, fields, wizard, version: deal.version + 1, updatedAt: now.toISOString() };
}

/**
 * Whether the actor may change the draft from this card: their own deal (anyone else's is "not found",
 * never "stale"), in a status the wizard edits, and the card drawn from the version it has now.
 */
export function staleCard(deal: Deal, cardVersion: number, actor: Actor): Refusal | undefined {
  const refusal = refusalOf(deal, 'edit', actor);
  if (refusal?.code === 'deal.transition_not_allowed') return { code: 'deal.not_editable', status: deal.status };
  if (refusal) return refusal;
  if (deal.version !== cardVersion) return { code: 'deal.stale_card' };
  return undefined;
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

const orderOf = (step: WizardStep) => (step === 'summary' ? STEPS.length : STEPS.indexOf(step));
const further = (a: WizardStep | undefined, b: WizardStep): WizardStep => (a !== undefined && orderOf(a) > orderOf(b) ? a : b);

/**
 * Where Next leads once a step passes: back to the summary after an Edit from it; in an update, the next
 * step the seller is walked through; after Back, the following step (the seller walks forward through
 * what they did); else the first step not yet filled in.
 */
function stepAfter(deal: Deal, step: Step): WizardStep {
  const { wizard } = deal;
  if (wizard.returnTo) return wizard.returnTo;
  if (wizard.update) return wizard.update.steps.find((s) => orderOf(s) > orderOf(step)) ?? 'summary';
  const following = STEPS[orderOf(step) + 1] ?? 'summary';
  if (wizard.furthest !== undefined && orderOf(following) <= orderOf(wizard.furthest)) return following;
  return nextOpenStep(deal, step);
}

/** The longest reason a seller may give for an exception. */
export const MAX_EXCEPTION_REASON = 1000;

/**
 * The dates step's answer to the window: a reason typed means "ask the deal desk for an exception" (the
 * window then does not apply); none means the window does. Undefined: the reason is too long.
 */
function exceptionFrom(inputs: StepInputs, now: Date): { exception: Deal['exception'] } | undefined {
  const reason = (inputs.exceptionReason ?? '').normalize('NFC').trim();
  if (reason.length > MAX_EXCEPTION_REASON) return undefined;
  return { exception: reason ? { reason, at: now.toISOString() } : undefined };
}

/** Next on a step: validate; keep what was typed either way; move on only when it passes. */
export function submitStep(deal: Deal, step: Step, inputs: StepInputs, ctx: StepContext, now: Date): WizardOutcome {
  const asked = step === 'dates' ? exceptionFrom(inputs, now) : { exception: deal.exception };
  const parsed = parseStep(step, inputs, { ...ctx, draft: deal.fields, exceptionRequested: asked?.exception !== undefined });
  if (!parsed.ok || !asked) {
    const wizard = { ...deal.wizard, step, inputs: { ...deal.wizard.inputs, [step]: inputs } };
    const errors = parsed.ok ? {} : parsed.errors;
    if (!asked) errors.exceptionReason = { code: 'text.too_long', params: { max: MAX_EXCEPTION_REASON } };
    return { deal: touched(deal, now, wizard), errors };
  }
  const { [step]: _done, ...otherInputs } = deal.wizard.inputs;
  const fields = { ...deal.fields, [step]: parsed.value };
  const to = stepAfter({ ...deal, fields }, step);
  const wizard = { ...deal.wizard, step: to, inputs: otherInputs, returnTo: undefined, furthest: further(deal.wizard.furthest, to) };
  return { deal: { ...touched(deal, now, wizard, fields), exception: asked.exception }, errors: {} };
}

/**
 * What a button that may carry the step's inputs keeps of them: the inputs, when it sent any. Back and
 * Cancel send none in Teams (the card's required fields would otherwise block them): what was saved stays.
 */
function keptInputs(deal: Deal, step: WizardStep, inputs: StepInputs | undefined): Deal['wizard']['inputs'] {
  if (step === 'summary' || !inputs || Object.keys(inputs).length === 0) return deal.wizard.inputs;
  return { ...deal.wizard.inputs, [step]: inputs };
}

/** Back (or Edit from the summary): keep what was typed on this step unvalidated, if sent; show another. */
export function goToStep(deal: Deal, from: WizardStep, to: Step, inputs: StepInputs | undefined, now: Date): Deal {
  const kept = keptInputs(deal, from, inputs);
  const returnTo = from === 'summary' ? ('summary' as const) : undefined;
  return touched(deal, now, { ...deal.wizard, step: to, inputs: kept, returnTo, furthest: further(deal.wizard.furthest, from) });
}

/** In an update, "review every step": the seller is walked through all of them, from where they are. */
export function reviewEveryStep(deal: Deal, step: Step, inputs: StepInputs, now: Date): Deal {
  if (!deal.wizard.update) return deal;
  const kept = keptInputs(deal, step, inputs);
  return touched(deal, now, { ...deal.wizard, inputs: kept, update: { ...deal.wizard.update, steps: [...STEPS] } });
}

/** Cancel: the draft stays as typed; the seller resumes it later with "continue". */
export function keepDraft(deal: Deal, step: Step, inputs: StepInputs, now: Date): Deal {
  return touched(deal, now, { ...deal.wizard, step, inputs: keptInputs(deal, step, inputs) });
}

/**
 * A draft nobody put anything in: no step saved, nothing typed, no file. Cancelling it keeps nothing. The
 * contact's inputs are the seller's own profile until a step is saved (the contact step comes last), so
 * they do not count.
 */
export function isUntouchedDraft(deal: Deal): boolean {
  const { contact: _profile, ...typed } = deal.wizard.inputs;
  return (
    deal.status === 'incomplete' &&
    deal.registeredAt === undefined &&
    Object.keys(deal.fields).length === 0 &&
    deal.files.length === 0 &&
    nothingIn(typed)
  );
}

const nothingIn = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (typeof value === 'object' && Object.values(value as object).every(nothingIn));

/**
 * Starting an update of a deal sent back: walked through the flagged steps. With none flagged (the desk
 * only commented) it opens at the first step, and Next goes to the summary with its Edit buttons.
 */
export function startUpdate(deal: Deal, actor: Actor, now: Date): Result<Deal> {
  const moved = transition(deal, 'startUpdate', actor, now);
  if (!moved.ok) return moved;
  const steps = STEPS.filter((s) => STEP_FIELDS[s].some((f) => deal.flagged.includes(f)));
  const update = { steps, before: deal.fields, unchangedConfirmed: false };
  return ok({ ...moved.value, wizard: { step: steps[0] ?? STEPS[0], inputs: {}, update } });
}

/** The flagged fields whose value is the same as when the deal came back. */
export function unchangedFlagged(deal: Deal): string[] {
  const before = deal.wizard.update?.before;
  if (!before) return [];
  return deal.flagged.filter((field) => {
    const step = STEPS.find((s) => (STEP_FIELDS[s] as readonly string[]).includes(field));
    if (!step) return false;
    const stored = (fields: Deal['fields']) => JSON.stringify((fields[step] as Record<string, unknown> | undefined)?.[fieldKey(field)]);
    return stored(before) === stored(deal.fields);
  });
}

/** The stored property behind a card field: "endKind" is told by endDate being null. */
const fieldKey = (field: string) => (field === 'endKind' ? 'endDate' : field);

export type RegisterOutcome =
  | { ok: true; deal: Deal }
  | { ok: false; refusal: Refusal }
  | { ok: false; step: Step; errors: FieldErrors; deal: Deal }
  | { ok: false; step: 'summary'; unchanged: string[]; deal: Deal };

/**
 * Register: every group must be present and the date rules must hold today (time passes between the
 * dates step and Register). A failure sends the seller to the step to fix.
 */
export function register(deal: Deal, ctx: StepContext & { routing: readonly RoutingRule[] }, actor: Actor, now: Date): RegisterOutcome {
  const unchanged = deal.wizard.update && !deal.wizard.update.unchangedConfirmed ? unchangedFlagged(deal) : [];
  if (unchanged.length > 0) {
    // Asked once: the next Register means "yes, as it is".
    const wizard = { ...deal.wizard, step: 'summary' as const, update: { ...deal.wizard.update!, unchangedConfirmed: true } };
    return { ok: false, step: 'summary', unchanged, deal: touched(deal, now, wizard) };
  }
  const missing = STEPS.find((s) => deal.fields[s] === undefined);
  if (missing) {
    return { ok: false, step: missing, errors: {}, deal: touched(deal, now, { ...deal.wizard, step: missing }) };
  }
  const registration = Registration.parse(deal.fields);
  const dateErrors = checkDates(registration.dates, { ...ctx, exceptionRequested: deal.exception !== undefined });
  if (Object.keys(dateErrors).length > 0) {
    return { ok: false, step: 'dates', errors: dateErrors, deal: touched(deal, now, { ...deal.wizard, step: 'dates' }) };
  }
  const moved = transition(deal, 'register', actor, now, deal.exception?.reason);
  if (!moved.ok) return moved;
  const at = now.toISOString();
  const route = routeOf(ctx.routing, registration, ctx.policy);
  // Entering review again (after an update) posts a new card where the desk will see it, not an edit far up.
  const { reviewPost: _earlierCard, ...rest } = moved.value;
  const entered: Deal = {
    ...rest,
    wizard: { step: 'summary', inputs: {} },
    flagged: [],
    registeredAt: deal.registeredAt ?? at,
    review: {
      conversation: route.conversation,
      approvalsRequired: route.approvalsRequired,
      approvals: [],
      ...(route.secondApprovalByKey && { secondApprovalByKey: true }),
    },
  };
  return { ok: true, deal: { ...entered, outbox: owingDeskCard(entered, at) } };
}

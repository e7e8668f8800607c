import { randomUUID } from 'node:crypto';
import { type Deal, draftDeal, type WizardStep } from '../domain/deal.js';
import type { RoutingRule } from '../domain/desk.js';
import type { FieldErrors } from '../domain/field-error.js';
import type { RegistrationPolicy } from '../domain/policy.js';
import { ok, type Refusal, type Result } from '../domain/refusal.js';
import type { Step, StepContext, StepInputs } from '../domain/registration.js';
import { goToStep, keepDraft, type RegisterOutcome, register, reviewEveryStep, staleCard, submitStep } from '../domain/wizard.js';
import type { Solution } from '../solutions.js';
import type { DealRepository } from '../store/deal-repository.js';
import { type ShownDeal, shownDeal } from './shown-deal.js';
import type { ContactPrefill, User } from './user.js';

/** How many of the tenant's latest currencies the value step offers first. */
const RECENT_CURRENCIES = 5;

/** A card the seller clicked: the deal, the version and step it was drawn from. */
export interface CardRef {
  dealId: string;
  version: number;
  step: WizardStep;
}

/** A step to show: the deal as saved (with what its screen needs), and the messages for the fields that did not pass. */
export interface StepResult {
  shown: ShownDeal;
  errors: FieldErrors;
  /** Next on a fresh step with nothing typed (often the second click of a double click): nothing checked. */
  untouched?: boolean;
}

export type RegisterResult =
  | ({ kind: 'step' } & StepResult)
  | { kind: 'registered'; shown: ShownDeal }
  /** Flagged fields unchanged since the deal came back: the seller is asked once whether to register anyway. */
  | { kind: 'confirm'; shown: ShownDeal; unchanged: string[] };

export interface WizardDeps {
  deals: DealRepository;
  solutions: (tenantId: string) => Promise<readonly Solution[]>;
  policy: RegistrationPolicy;
  /** The tenant's routing rules: where a deal entering review goes, and how many approvals it needs. */
  routing: (tenantId: string) => Promise<readonly RoutingRule[]>;
  /** Something was written to the outbox (the review card): the worker should look now. */
  outboxWritten: () => void;
  /** ORGANISATION_COUNTRY: the seller's organisation's country, when configured. */
  organisationCountry?: (tenantId: string) => string | undefined;
  newId?: () => string;
}

/** The seller's registration wizard: every call loads the deal by the seller's tenant and user. */
export class WizardService {
  constructor(private readonly deps: WizardDeps) {}

  async context(user: User): Promise<Omit<StepContext, 'draft'>> {
    return {
      decimalSeparator: user.decimalSeparator,
      today: user.today,
      policy: this.deps.policy,
      solutionIds: (await this.deps.solutions(user.tenantId)).map((s) => s.id),
      phoneRegion: this.deps.organisationCountry?.(user.tenantId) ?? user.region,
      formatLocale: user.formatLocale,
    };
  }

  async start(user: User, contact: ContactPrefill): Promise<Deal> {
    const prefill = Object.fromEntries(Object.entries(contact).filter(([, v]) => v)) as Record<string, string>;
    const deal = draftDeal({
      id: (this.deps.newId ?? randomUUID)(),
      tenantId: user.tenantId,
      ownerId: user.id,
      ownerName: user.name,
      locale: user.locale,
      createdBy: { id: user.id, name: user.name },
      source: 'seller',
      now: user.now,
      wizard: { step: 'customer', inputs: Object.keys(prefill).length > 0 ? { contact: prefill } : {} },
    });
    if (!(await this.deps.deals.create(deal))) throw new Error(`a new deal's id ${deal.id} was taken`);
    return deal;
  }

  /** The seller's most recently changed Incomplete deal, for "continue". */
  async latestDraft(user: User): Promise<ShownDeal | undefined> {
    const latest = await this.deps.deals.latestDraft(user.tenantId, user.id);
    return latest && this.shown(user, latest);
  }

  /**
   * One click on a wizard card: applied to the deal as the card showed it, and remembered, so the same
   * click again on the same card replays its answer (`replayed`) instead of writing anything.
   */
  private async change<R>(
    user: User,
    card: CardRef,
    verb: string,
    apply: (deal: Deal) => { deal: Deal; result: R; errors?: FieldErrors; unchanged?: string[] } | Refusal,
  ): Promise<Result<{ deal: Deal; result: R } | { deal: Deal; replayed: NonNullable<Deal['wizard']['lastAction']> }>> {
    type Outcome = { result: R } | { replayed: NonNullable<Deal['wizard']['lastAction']> };
    const done = await this.deps.deals.update<Outcome>(user.tenantId, card.dealId, (deal) => {
      // Ownership first (staleCard checks it too): someone else's deal is "not found", never a replay.
      if (deal.ownerId !== user.id) return { code: 'deal.not_found' };
      const last = deal.wizard.lastAction;
      if (deal.version === card.version + 1 && last?.verb === verb && last.fromVersion === card.version && last.step === card.step) {
        return { deal, result: { replayed: last } }; // the same deal back: nothing is written
      }
      const stale =
        staleCard(deal, card.version, user) ?? (deal.wizard.step !== card.step ? { code: 'deal.stale_card' as const } : undefined);
      if (stale) return stale;
      const applied = apply({ ...deal, locale: user.locale });
      if ('code' in applied) return applied;
      const { deal: next, result, errors = {}, unchanged } = applied;
      const lastAction = { verb, fromVersion: card.version, step: card.step, errors, unchanged };
      return { deal: { ...next, wizard: { ...next.wizard, lastAction } }, result: { result } };
    });
    if (!done.ok) return done;
    const { deal, result } = done.value;
    return ok('replayed' in result ? { deal, replayed: result.replayed } : { deal, result: result.result });
  }

  async next(user: User, card: CardRef & { step: Step }, inputs: StepInputs): Promise<Result<StepResult>> {
    if (Object.values(inputs).every((v) => v.trim() === '')) {
      // Nothing typed on a step never filled in (often a double click's second Next, landing on the new
      // card): nothing to check or write, so only a read, and only in this case.
      const opened = await this.deps.deals.getOwned(user.tenantId, user.id, card.dealId);
      if (!opened.ok) return opened;
      const current = opened.value;
      const fresh = current.fields[card.step] === undefined && current.wizard.inputs[card.step] === undefined;
      if (fresh && current.version === card.version && current.wizard.step === card.step)
        return ok({ shown: await this.shown(user, current), errors: {}, untouched: true });
    }
    const context = await this.context(user);
    const done = await this.change(user, card, 'next', (current) => {
      const outcome = submitStep(current, card.step, inputs, { ...context, draft: current.fields }, user.now);
      return { deal: outcome.deal, result: outcome.errors, errors: outcome.errors };
    });
    if (!done.ok) return done;
    if ('replayed' in done.value) return ok({ shown: await this.shown(user, done.value.deal), errors: done.value.replayed.errors });
    const { deal, result } = done.value;
    const currency = deal.fields.value?.currency;
    if (card.step === 'value' && Object.keys(result).length === 0 && currency) await this.usedCurrency(user.tenantId, currency);
    return ok({ shown: await this.shown(user, deal), errors: result });
  }

  async goTo(user: User, card: CardRef, to: Step, inputs: StepInputs | undefined): Promise<Result<StepResult>> {
    const done = await this.change(user, card, `goTo:${to}`, (current) => ({
      deal: goToStep(current, card.step, to, inputs, user.now),
      result: null,
    }));
    return done.ok ? ok({ shown: await this.shown(user, done.value.deal), errors: {} }) : done;
  }

  async cancel(user: User, card: CardRef & { step: Step }, inputs: StepInputs): Promise<Result<Deal>> {
    const done = await this.change(user, card, 'cancel', (current) => ({
      deal: keepDraft(current, card.step, inputs, user.now),
      result: null,
    }));
    return done.ok ? ok(done.value.deal) : done;
  }

  async register(user: User, card: CardRef): Promise<Result<RegisterResult>> {
    const [context, routing] = await Promise.all([this.context(user), this.deps.routing(user.tenantId)]);
    const done = await this.change<RegisterOutcome>(user, card, 'register', (current) => {
      const outcome = register(current, { ...context, draft: current.fields, routing }, user, user.now);
      if (outcome.ok) return { deal: outcome.deal, result: outcome };
      if ('refusal' in outcome) return outcome.refusal;
      return 'unchanged' in outcome
        ? { deal: outcome.deal, result: outcome, unchanged: outcome.unchanged }
        : { deal: outcome.deal, result: outcome, errors: outcome.errors };
    });
    if (!done.ok) return done;
    const shown = await this.shown(user, done.value.deal);
    if ('replayed' in done.value) {
      if (shown.deal.status === 'in_review') return ok({ kind: 'registered', shown });
      const { unchanged, errors } = done.value.replayed;
      return ok(unchanged ? { kind: 'confirm', shown, unchanged } : { kind: 'step', shown, errors });
    }
    const outcome = done.value.result;
    if (!outcome.ok) {
      if ('refusal' in outcome) return outcome; // not reached: a refusal writes nothing and returns above
      return ok(
        'unchanged' in outcome ? { kind: 'confirm', shown, unchanged: outcome.unchanged } : { kind: 'step', shown, errors: outcome.errors },
      );
    }
    this.deps.outboxWritten();
    return ok({ kind: 'registered', shown });
  }

  private async usedCurrency(tenantId: string, currency: string): Promise<void> {
    const recent = await this.deps.deals.recentCurrencies(tenantId);
    if (recent[0] !== currency)
      await this.deps.deals.rememberCurrencies(tenantId, [currency, ...recent.filter((c) => c !== currency)].slice(0, RECENT_CURRENCIES));
  }

  /** In an update, walk through every step rather than only the flagged ones. */
  async reviewEveryStep(user: User, card: CardRef & { step: Step }, inputs: StepInputs): Promise<Result<ShownDeal>> {
    const done = await this.change(user, card, 'reviewAll', (current) => ({
      deal: reviewEveryStep(current, card.step, inputs, user.now),
      result: null,
    }));
    return done.ok ? ok(await this.shown(user, done.value.deal)) : done;
  }

  /** The deal as its card shows it to this user. */
  private shown(user: User, deal: Deal): Promise<ShownDeal> {
    return shownDeal(this.deps.deals, deal, user, user.now);
  }
}

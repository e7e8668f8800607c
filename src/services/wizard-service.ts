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
import type { ContactPrefill, Seller } from './seller.js';

/** How many of the tenant's latest currencies the value step offers first. */
const RECENT_CURRENCIES = 5;

/** A card the seller clicked: the deal, the version and step it was drawn from. */
export interface CardRef {
  dealId: string;
  version: number;
  step: WizardStep;
}

/** A step to show: the deal as saved, and the messages for the fields that did not pass. */
export interface StepResult {
  deal: Deal;
  errors: FieldErrors;
  /** Next on a fresh step with nothing typed (often the second click of a double click): nothing checked. */
  untouched?: boolean;
}

export type RegisterResult =
  | ({ kind: 'step' } & StepResult)
  | { kind: 'registered'; deal: Deal }
  /** Flagged fields unchanged since the deal came back: the seller is asked once whether to register anyway. */
  | { kind: 'confirm'; deal: Deal; unchanged: string[] };

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

  async context(seller: Seller): Promise<Omit<StepContext, 'draft'>> {
    return {
      decimalSeparator: seller.decimalSeparator,
      today: seller.today,
      policy: this.deps.policy,
      solutionIds: (await this.deps.solutions(seller.tenantId)).map((s) => s.id),
      phoneRegion: this.deps.organisationCountry?.(seller.tenantId) ?? seller.region,
      formatLocale: seller.formatLocale,
    };
  }

  async start(seller: Seller, contact: ContactPrefill): Promise<Deal> {
    const prefill = Object.fromEntries(Object.entries(contact).filter(([, v]) => v)) as Record<string, string>;
    const deal = draftDeal({
      id: (this.deps.newId ?? randomUUID)(),
      tenantId: seller.tenantId,
      ownerId: seller.userId,
      ownerName: seller.userName,
      locale: seller.locale,
      createdBy: { id: seller.userId, name: seller.userName },
      source: 'seller',
      now: seller.now,
      wizard: { step: 'customer', inputs: Object.keys(prefill).length > 0 ? { contact: prefill } : {} },
    });
    if (!(await this.deps.deals.create(deal))) throw new Error(`a new deal's id ${deal.id} was taken`);
    return deal;
  }

  /** The seller's most recently changed Incomplete deal, for "continue". */
  async latestDraft(seller: Seller): Promise<Deal | undefined> {
    const [latest] = await this.deps.deals.listByOwner(seller.tenantId, seller.userId, 'incomplete', 1);
    return latest;
  }

  /**
   * One click on a wizard card: applied to the deal as the card showed it, and remembered, so the same
   * click again on the same card replays its answer (`replayed`) instead of writing anything.
   */
  private async change<R>(
    seller: Seller,
    card: CardRef,
    verb: string,
    apply: (deal: Deal) => { deal: Deal; result: R; errors?: FieldErrors; unchanged?: string[] } | Refusal,
  ): Promise<Result<{ deal: Deal; result: R } | { deal: Deal; replayed: NonNullable<Deal['wizard']['lastAction']> }>> {
    type Outcome = { result: R } | { replayed: NonNullable<Deal['wizard']['lastAction']> };
    const done = await this.deps.deals.update<Outcome>(seller.tenantId, card.dealId, (deal) => {
      // Ownership first: someone else's deal is "not found", never "stale".
      if (deal.ownerId !== seller.userId) return { code: 'deal.not_found' };
      const last = deal.wizard.lastAction;
      if (deal.version === card.version + 1 && last?.verb === verb && last.fromVersion === card.version && last.step === card.step) {
        return { deal, result: { replayed: last } }; // the same deal back: nothing is written
      }
      const stale = staleCard(deal, card.version) ?? (deal.wizard.step !== card.step ? { code: 'deal.stale_card' as const } : undefined);
      if (stale) return stale;
      const applied = apply({ ...deal, locale: seller.locale });
      if ('code' in applied) return applied;
      const { deal: next, result, errors = {}, unchanged } = applied;
      const lastAction = { verb, fromVersion: card.version, step: card.step, errors, unchanged };
      return { deal: { ...next, wizard: { ...next.wizard, lastAction } }, result: { result } };
    });
    if (!done.ok) return done;
    const { deal, result } = done.value;
    return ok('replayed' in result ? { deal, replayed: result.replayed } : { deal, result: result.result });
  }

  async next(seller: Seller, card: CardRef & { step: Step }, inputs: StepInputs): Promise<Result<StepResult>> {
    if (Object.values(inputs).every((v) => v.trim() === '')) {
      // Nothing typed on a step never filled in (often a double click's second Next, landing on the new
      // card): nothing to check or write, so only a read, and only in this case.
      const opened = await this.deps.deals.getOwned(seller.tenantId, seller.userId, card.dealId);
      if (!opened.ok) return opened;
      const current = opened.value;
      const fresh = current.fields[card.step] === undefined && current.wizard.inputs[card.step] === undefined;
      if (fresh && current.version === card.version && current.wizard.step === card.step)
        return ok({ deal: current, errors: {}, untouched: true });
    }
    const context = await this.context(seller);
    const done = await this.change(seller, card, 'next', (current) => {
      const outcome = submitStep(current, card.step, inputs, { ...context, draft: current.fields }, seller.now);
      return { deal: outcome.deal, result: outcome.errors, errors: outcome.errors };
    });
    if (!done.ok) return done;
    if ('replayed' in done.value) return ok({ deal: done.value.deal, errors: done.value.replayed.errors });
    const { deal, result } = done.value;
    const currency = deal.fields.value?.currency;
    if (card.step === 'value' && Object.keys(result).length === 0 && currency) await this.usedCurrency(seller.tenantId, currency);
    return ok({ deal, errors: result });
  }

  async goTo(seller: Seller, card: CardRef, to: Step, inputs: StepInputs | undefined): Promise<Result<StepResult>> {
    const done = await this.change(seller, card, `goTo:${to}`, (current) => ({
      deal: goToStep(current, card.step, to, inputs, seller.now),
      result: null,
    }));
    return done.ok ? ok({ deal: done.value.deal, errors: {} }) : done;
  }

  async cancel(seller: Seller, card: CardRef & { step: Step }, inputs: StepInputs): Promise<Result<Deal>> {
    const done = await this.change(seller, card, 'cancel', (current) => ({
      deal: keepDraft(current, card.step, inputs, seller.now),
      result: null,
    }));
    return done.ok ? ok(done.value.deal) : done;
  }

  async register(seller: Seller, card: CardRef): Promise<Result<RegisterResult>> {
    const editor = { userId: seller.userId, userName: seller.userName, now: seller.now };
    const [context, routing] = await Promise.all([this.context(seller), this.deps.routing(seller.tenantId)]);
    const done = await this.change<RegisterOutcome>(seller, card, 'register', (current) => {
      const outcome = register(current, { ...context, draft: current.fields, routing }, editor);
      if (outcome.ok) return { deal: outcome.deal, result: outcome };
      if ('refusal' in outcome) return outcome.refusal;
      return 'unchanged' in outcome
        ? { deal: outcome.deal, result: outcome, unchanged: outcome.unchanged }
        : { deal: outcome.deal, result: outcome, errors: outcome.errors };
    });
    if (!done.ok) return done;
    const { deal } = done.value;
    if ('replayed' in done.value) {
      if (deal.status === 'in_review') return ok({ kind: 'registered', deal });
      const { unchanged, errors } = done.value.replayed;
      return ok(unchanged ? { kind: 'confirm', deal, unchanged } : { kind: 'step', deal, errors });
    }
    const outcome = done.value.result;
    if (!outcome.ok) {
      if ('refusal' in outcome) return outcome; // not reached: a refusal writes nothing and returns above
      return ok(
        'unchanged' in outcome ? { kind: 'confirm', deal, unchanged: outcome.unchanged } : { kind: 'step', deal, errors: outcome.errors },
      );
    }
    this.deps.outboxWritten();
    return ok({ kind: 'registered', deal });
  }

  /** The currencies the tenant's sellers chose lately, latest first: offered first on the value step. */
  recentCurrencies(tenantId: string): Promise<string[]> {
    return this.deps.deals.recentCurrencies(tenantId);
  }

  private async usedCurrency(tenantId: string, currency: string): Promise<void> {
    const recent = await this.deps.deals.recentCurrencies(tenantId);
    if (recent[0] !== currency)
      await this.deps.deals.rememberCurrencies(tenantId, [currency, ...recent.filter((c) => c !== currency)].slice(0, RECENT_CURRENCIES));
  }

  /** In an update, walk through every step rather than only the flagged ones. */
  async reviewEveryStep(seller: Seller, card: CardRef & { step: Step }, inputs: StepInputs): Promise<Result<Deal>> {
    const done = await this.change(seller, card, 'reviewAll', (current) => ({
      deal: reviewEveryStep(current, card.step, inputs, seller.now),
      result: null,
    }));
    return done.ok ? ok(done.value.deal) : done;
  }
}

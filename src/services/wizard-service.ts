import { randomUUID } from 'node:crypto';
import { type Deal, draftDeal, type WizardStep } from '../domain/deal.js';
import { DealError } from '../domain/errors.js';
import type { FieldErrors } from '../domain/field-error.js';
import type { RegistrationPolicy } from '../domain/policy.js';
import type { Step, StepContext, StepInputs } from '../domain/registration.js';
import { assertCurrent, goToStep, keepDraft, register, submitStep } from '../domain/wizard.js';
import type { Solution } from '../solutions.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { ReviewBoard } from './review-board.js';
import type { ContactPrefill, Seller } from './seller.js';

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
}

export type RegisterResult = ({ kind: 'step' } & StepResult) | { kind: 'registered'; deal: Deal };

export interface WizardDeps {
  deals: DealRepository;
  solutions: (tenantId: string) => Promise<readonly Solution[]>;
  policy: RegistrationPolicy;
  board: ReviewBoard;
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
    await this.deps.deals.create(deal);
    return deal;
  }

  /** The seller's most recently changed Incomplete deal, for "continue". */
  async latestDraft(seller: Seller): Promise<Deal | undefined> {
    const [latest] = await this.deps.deals.listByOwner(seller.tenantId, seller.userId, 'incomplete', 1);
    return latest;
  }

  private change<R>(seller: Seller, card: CardRef, apply: (deal: Deal) => { deal: Deal; result: R }) {
    return this.deps.deals.update(seller.tenantId, card.dealId, (deal) => {
      // Ownership first: someone else's deal is "not found", never "stale".
      if (deal.ownerId !== seller.userId) throw new DealError('deal.not_found');
      assertCurrent(deal, card.version);
      if (deal.wizard.step !== card.step) throw new DealError('deal.stale_card');
      return apply({ ...deal, locale: seller.locale });
    });
  }

  async next(seller: Seller, card: CardRef & { step: Step }, inputs: StepInputs): Promise<StepResult> {
    const context = await this.context(seller);
    const { deal, result } = await this.change(seller, card, (current) => {
      const outcome = submitStep(current, card.step, inputs, { ...context, draft: current.fields }, seller.now);
      return { deal: outcome.deal, result: outcome.errors };
    });
    return { deal, errors: result };
  }

  async goTo(seller: Seller, card: CardRef, to: Step, inputs: StepInputs | undefined): Promise<StepResult> {
    const { deal } = await this.change(seller, card, (current) => ({
      deal: goToStep(current, card.step, to, inputs, seller.now),
      result: null,
    }));
    return { deal, errors: {} };
  }

  async cancel(seller: Seller, card: CardRef & { step: Step }, inputs: StepInputs): Promise<Deal> {
    const { deal } = await this.change(seller, card, (current) => ({
      deal: keepDraft(current, card.step, inputs, seller.now),
      result: null,
    }));
    return deal;
  }

  async register(seller: Seller, card: CardRef): Promise<RegisterResult> {
    const editor = { userId: seller.userId, userName: seller.userName, now: seller.now };
    const context = await this.context(seller);
    const { deal, result } = await this.change(seller, card, (current) => {
      const outcome = register(current, { ...context, draft: current.fields }, editor);
      return { deal: outcome.deal, result: outcome.ok ? null : outcome.errors };
    });
    if (result !== null) return { kind: 'step', deal, errors: result };
    await this.deps.board.dealEnteredReview(deal);
    return { kind: 'registered', deal };
  }
}

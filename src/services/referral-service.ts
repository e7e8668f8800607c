import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { type Deal, draftDeal, type Locale, type WizardState } from '../domain/deal.js';
import { notification } from '../domain/outbox.js';
import type { RegistrationPolicy } from '../domain/policy.js';
import { type ContractType, parseStep, type RegistrationDraft, type Step } from '../domain/registration.js';
import { nextOpenStep } from '../domain/wizard.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { UserDirectory } from '../store/user-directory.js';
import type { SolutionCatalogue } from './catalogue.js';

export interface Referral {
  referralId: string;
  owner: { aadObjectId: string } | { email: string };
  ownerLocale?: Locale;
  customer?: { companyName?: string; country?: string; city?: string; state?: string };
  solutionId?: string;
  contractType?: ContractType;
  billingModel?: string;
  currency?: string;
  totalValue?: string;
  solutionValue?: string;
}

export class UnknownOwnerError extends Error {}

/** An integration reports a referral marked Won: the owner gets an Incomplete deal, filled in as far as known. */
export class ReferralService {
  constructor(
    private readonly deps: {
      deals: DealRepository;
      directory: UserDirectory;
      catalogue: SolutionCatalogue;
      /** The partner programme's rules as configured: a referral's dates and values are judged as the wizard's are. */
      policy: RegistrationPolicy;
      /** Told when a deal owes its owner a notification, so delivery starts at once. */
      outboxWritten: () => void;
      clock: Clock;
    },
  ) {}

  private get deals(): DealRepository {
    return this.deps.deals;
  }

  private now(): Date {
    return this.deps.clock();
  }

  /** The deal for this referral: created now (`created`), or the one an earlier report created. */
  async report(tenantId: string, referral: Referral, integrationId: string): Promise<{ deal: Deal; created: boolean }> {
    const ownerId = await this.ownerOf(tenantId, referral);
    const dealId = await this.deals.dealOfReferral(tenantId, referral.referralId, randomUUID());
    const existing = await this.deals.get(tenantId, dealId);
    if (existing) return { deal: existing, created: false };
    // Claimed now, or claimed by an earlier report that crashed before its deal was written: create it.
    const deal = await this.draft(tenantId, dealId, ownerId, referral, integrationId);
    if (!(await this.deals.create(deal))) return { deal: (await this.deals.get(tenantId, dealId))!, created: false }; // a concurrent report won
    this.deps.outboxWritten();
    return { deal, created: true };
  }

  private async ownerOf(tenantId: string, referral: Referral): Promise<string> {
    if ('aadObjectId' in referral.owner) return referral.owner.aadObjectId;
    const userId = await this.deps.directory.byEmail(tenantId, referral.owner.email);
    if (!userId) throw new UnknownOwnerError(referral.owner.email);
    return userId;
  }

  private async draft(tenantId: string, dealId: string, ownerId: string, r: Referral, integrationId: string): Promise<Deal> {
    const raw: Partial<Record<Step, Record<string, string>>> = {};
    if (r.customer)
      raw.customer = Object.fromEntries(Object.entries(r.customer).filter(([, v]) => v !== undefined)) as Record<string, string>;
    if (r.solutionId || r.contractType) raw.solution = { solutionId: r.solutionId ?? '', contractType: r.contractType ?? '' };
    if (r.billingModel || r.currency || r.totalValue || r.solutionValue) {
      const value = { billingModel: r.billingModel, currency: r.currency, totalValue: r.totalValue, solutionValue: r.solutionValue };
      raw.value = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Record<string, string>;
    }
    // A group that already validates is filled in; the rest waits in the wizard as typed-in values.
    const solutionIds = (await this.deps.catalogue.list(tenantId)).map((s) => s.id);
    const ctx = {
      decimalSeparator: '.' as const,
      today: this.now().toISOString().slice(0, 10),
      policy: this.deps.policy,
      solutionIds,
      draft: {},
    };
    const fields: RegistrationDraft = {};
    const inputs: WizardState['inputs'] = {};
    for (const [step, values] of Object.entries(raw) as [Step, Record<string, string>][]) {
      const parsed = parseStep(step, values, ctx);
      if (parsed.ok) Object.assign(fields, { [step]: parsed.value });
      else inputs[step] = values;
    }
    const now = this.now();
    const deal = draftDeal({
      id: dealId,
      tenantId,
      ownerId,
      locale: r.ownerLocale ?? 'en',
      createdBy: { id: `integration:${integrationId}` },
      source: 'referral',
      now,
      fields,
      wizard: { step: 'customer', inputs },
    });
    const at = now.toISOString();
    return {
      ...deal,
      wizard: { step: nextOpenStep(deal), inputs },
      outbox: [notification('referral_created', deal, at)],
    };
  }
}

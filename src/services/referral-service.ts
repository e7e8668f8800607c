import { randomUUID } from 'node:crypto';
import { type Deal, draftDeal, type Locale, type WizardState } from '../domain/deal.js';
import { DealError } from '../domain/errors.js';
import { notification } from '../domain/outbox.js';
import { PARTNER_CENTER_POLICY } from '../domain/policy.js';
import { parseStep, type RegistrationDraft, type Step } from '../domain/registration.js';
import { nextOpenStep } from '../domain/wizard.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { Documents } from '../store/documents.js';
import { referralKey } from '../store/keys.js';
import type { SolutionCatalogue } from './catalogue.js';
import type { UserDirectory } from './user-directory.js';

export interface Referral {
  referralId: string;
  owner: { aadObjectId: string } | { email: string };
  ownerLocale?: Locale;
  customer?: { companyName?: string; country?: string; city?: string; state?: string };
  solutionId?: string;
  contractType?: 'new' | 'renewal';
  currency?: string;
  totalValue?: string;
}

export class UnknownOwnerError extends Error {}

/** An integration reports a referral marked Won: the owner gets an Incomplete deal, filled in as far as known. */
export class ReferralService {
  constructor(
    private readonly docs: Documents,
    private readonly deals: DealRepository,
    private readonly directory: UserDirectory,
    private readonly catalogue: SolutionCatalogue,
    /** Told when a deal owes its owner a notification, so delivery starts at once. */
    private readonly onNotification: () => void = () => {},
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The deal for this referral: created now (`created`), or the one an earlier report created. */
  async report(tenantId: string, referral: Referral, integrationId: string): Promise<{ deal: Deal; created: boolean }> {
    const ownerId = await this.ownerOf(tenantId, referral);
    const key = referralKey(tenantId, referral.referralId);
    await this.docs.insert(key, { dealId: randomUUID() }); // the first report claims an id; later ones read it
    const dealId = (await this.docs.read<{ dealId: string }>(key))?.value.dealId;
    if (!dealId) throw new Error(`referral ${key} vanished right after it was claimed`);
    const existing = await this.deals.get(tenantId, dealId);
    if (existing) return { deal: existing, created: false };
    // Claimed now, or claimed by an earlier report that crashed before its deal was written: create it.
    const deal = await this.draft(tenantId, dealId, ownerId, referral, integrationId);
    try {
      await this.deals.create(deal);
    } catch (error) {
      if (!(error instanceof DealError && error.code === 'deal.conflict')) throw error;
      return { deal: (await this.deals.get(tenantId, dealId))!, created: false }; // a concurrent report won
    }
    this.onNotification();
    return { deal, created: true };
  }

  private async ownerOf(tenantId: string, referral: Referral): Promise<string> {
    if ('aadObjectId' in referral.owner) return referral.owner.aadObjectId;
    const userId = await this.directory.byEmail(tenantId, referral.owner.email);
    if (!userId) throw new UnknownOwnerError(referral.owner.email);
    return userId;
  }

  private async draft(tenantId: string, dealId: string, ownerId: string, r: Referral, integrationId: string): Promise<Deal> {
    const raw: Partial<Record<Step, Record<string, string>>> = {};
    if (r.customer)
      raw.customer = Object.fromEntries(Object.entries(r.customer).filter(([, v]) => v !== undefined)) as Record<string, string>;
    if (r.solutionId || r.contractType) raw.solution = { solutionId: r.solutionId ?? '', contractType: r.contractType ?? '' };
    if (r.currency || r.totalValue) raw.value = { currency: r.currency ?? '', totalValue: r.totalValue ?? '' };
    // A group that already validates is filled in; the rest waits in the wizard as typed-in values.
    const solutionIds = (await this.catalogue.list(tenantId)).map((s) => s.id);
    const ctx = {
      decimalSeparator: '.' as const,
      today: this.clock().toISOString().slice(0, 10),
      policy: PARTNER_CENTER_POLICY,
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
    const now = this.clock();
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

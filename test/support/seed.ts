import { randomUUID } from 'node:crypto';
import type { Deal } from '../../src/domain/deal.js';
import type { Status } from '../../src/domain/status.js';
import type { DealRepository } from '../../src/store/deal-repository.js';

export interface SeedOptions {
  /** Minutes ago from this time (a bot's test clock); from the real time if not given. */
  now?: Date;
  tenantId: string;
  ownerId: string;
  status: Status;
  companyName: string;
  /** Minutes ago the deal last changed: sets its place in the owner's lists. */
  minutesAgo: number;
  comment?: string;
}

/** A complete deal as the wizard and a reviewer would have left it, for tests about what comes after. */
export function seededDeal(o: SeedOptions): Deal {
  const at = new Date((o.now ?? new Date()).getTime() - o.minutesAgo * 60_000).toISOString();
  const history: Deal['history'] = [{ at, by: o.ownerId, byName: 'Anna Svensson', from: null, to: 'incomplete' }];
  if (o.status !== 'incomplete') history.push({ at, by: o.ownerId, byName: 'Anna Svensson', from: 'incomplete', to: 'in_review' });
  if (o.status !== 'incomplete' && o.status !== 'in_review') {
    history.push({ at, by: 'reviewer-1', byName: 'Deal Desk', from: 'in_review', to: o.status, comment: o.comment });
  }
  return {
    id: randomUUID(),
    tenantId: o.tenantId,
    ownerId: o.ownerId,
    locale: 'en',
    status: o.status,
    version: history.length,
    createdAt: at,
    updatedAt: at,
    fields: {
      customer: { companyName: o.companyName, country: 'SE', city: 'Stockholm' },
      solution: { solutionId: 'contoso-ai-insights', contractType: 'new' },
      value: { billingModel: 'fixed', currency: 'EUR', totalValue: '120000', solutionValue: '100000' },
      deployment: { deployedOn: 'azure', deployedWhere: 'customer_tenant' },
      dates: {
        startDate: at.slice(0, 10),
        endDate: null,
        signedDate: at.slice(0, 10),
      },
      contact: { firstName: 'Anna', lastName: 'Svensson', phone: '+46812345678', email: 'anna@fabrikam.example' },
    },
    wizard: { step: 'summary', inputs: {} },
    history,
    flagged: [],
    source: 'seller',
    registeredAt: o.status === 'incomplete' ? undefined : at,
    outbox: [],
    reminded: {},
    files: [],
  };
}

export async function seed(repo: DealRepository, o: SeedOptions): Promise<Deal> {
  const deal = seededDeal(o);
  await repo.create(deal);
  return deal;
}

import { Deal } from '../domain/deal.js';
import { DealError } from '../domain/errors.js';
import type { Status } from '../domain/status.js';
import type { Documents } from './documents.js';
import { dealKey } from './keys.js';
import { OwnerIndexes } from './owner-index.js';
import { type DealPage, type PageQuery, readPage } from './owner-pages.js';

const MAX_ATTEMPTS = 5;

/**
 * Deals as single documents: every change is one compare-and-swap on `deal/{tenant}/{id}`, so a status
 * change, its history entry and (later) its notification are written together or not at all.
 */
export class DealRepository {
  readonly indexes: OwnerIndexes;

  constructor(private readonly docs: Documents) {
    this.indexes = new OwnerIndexes(docs);
  }

  async get(tenantId: string, dealId: string): Promise<Deal | undefined> {
    const found = await this.docs.read<unknown>(dealKey(tenantId, dealId));
    return found ? Deal.parse(found.value) : undefined;
  }

  /** The deal, if it exists in this tenant and belongs to this owner: anything else is "not found". */
  async getOwned(tenantId: string, ownerId: string, dealId: string): Promise<Deal> {
    const deal = await this.get(tenantId, dealId);
    if (!deal || deal.ownerId !== ownerId) throw new DealError('deal.not_found');
    return deal;
  }

  async create(deal: Deal): Promise<void> {
    await this.indexes.upsert(deal.tenantId, deal.ownerId, deal.status, this.entry(deal));
    if (!(await this.docs.insert(dealKey(deal.tenantId, deal.id), deal))) throw new DealError('deal.conflict');
  }

  /**
   * Applies `change` to the stored deal and writes it back only if nobody wrote in between; on a
   * conflict it reloads and applies again, so `change` must decide from the deal it is given.
   */
  async update<R>(
    tenantId: string,
    dealId: string,
    change: (current: Deal) => { deal: Deal; result: R },
  ): Promise<{ deal: Deal; result: R }> {
    const key = dealKey(tenantId, dealId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const found = await this.docs.read<unknown>(key);
      if (!found) throw new DealError('deal.not_found');
      const current = Deal.parse(found.value);
      const outcome = change(current);
      const next = outcome.deal;
      await this.indexes.upsert(next.tenantId, next.ownerId, next.status, this.entry(next));
      if (await this.docs.swap(key, found.token, next)) {
        if (next.status !== current.status) await this.indexes.drop(next.tenantId, next.ownerId, current.status, next.id);
        return outcome;
      }
    }
    throw new DealError('deal.conflict');
  }

  /** A page of the owner's deals in the given statuses, newest change first. */
  page(tenantId: string, ownerId: string, query: PageQuery): Promise<DealPage> {
    return readPage(this.docs, this.indexes, tenantId, ownerId, query);
  }

  /** The owner's deals in one status, newest change first. */
  async listByOwner(tenantId: string, ownerId: string, status: Status, limit: number): Promise<Deal[]> {
    return (await this.page(tenantId, ownerId, { statuses: [status], limit })).deals;
  }

  /** Deletes the deal if it is still exactly as `expected` says (an owner discarding a draft). */
  async remove(expected: Deal): Promise<void> {
    const key = dealKey(expected.tenantId, expected.id);
    const found = await this.docs.read<unknown>(key);
    if (!found) throw new DealError('deal.not_found');
    if (Deal.parse(found.value).version !== expected.version || !(await this.docs.removeIf(key, found.token))) {
      throw new DealError('deal.stale_card');
    }
    await this.indexes.drop(expected.tenantId, expected.ownerId, expected.status, expected.id);
  }

  private entry(deal: Deal) {
    return { id: deal.id, at: deal.updatedAt, version: deal.version };
  }
}

import type { Deal } from '../domain/deal.js';
import { DealError } from '../domain/errors.js';
import { comparableName } from '../domain/review.js';
import { reply, type SellerAct, withdraw } from '../domain/seller-actions.js';
import { PAGES, type PageName, STATUSES, type Status } from '../domain/status.js';
import { startUpdate } from '../domain/wizard.js';
import type { DealRepository } from '../store/deal-repository.js';
import { ownerIndexKey } from '../store/keys.js';
import type { DealPage, PageCursor } from '../store/pages.js';
import type { Seller } from './seller.js';

const actOf = (seller: Seller): SellerAct => ({ userId: seller.userId, userName: seller.userName, now: seller.now });

export interface PageRequest {
  page: PageName;
  /** One of the page's statuses, or all of them. */
  filter?: Status;
  older?: PageCursor;
  newer?: PageCursor;
}

/** The short reference a deal card shows and a seller can type: "D-" and the id's first eight hex digits. */
export function dealRef(dealId: string): string {
  return `D-${dealId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/** A seller's own deals: the pages, one deal, and what the seller may do to it outside the wizard. */
export class DealsService {
  constructor(
    private readonly deals: DealRepository,
    private readonly pageSize: number,
    /** Something was written to the outbox (the review card): the worker should look now. */
    private readonly outboxWritten: () => void,
  ) {}

  page(seller: Seller, request: PageRequest): Promise<DealPage> {
    const statuses: readonly Status[] =
      request.filter && (PAGES[request.page] as readonly Status[]).includes(request.filter) ? [request.filter] : PAGES[request.page];
    return this.deals.ownerPage(seller.tenantId, seller.userId, statuses, {
      older: request.older,
      newer: request.newer,
      limit: this.pageSize,
    });
  }

  open(seller: Seller, dealId: string): Promise<Deal> {
    return this.deals.getOwned(seller.tenantId, seller.userId, dealId);
  }

  /** A deal by the reference on its card, looked for among the seller's own deals only. */
  async openByRef(seller: Seller, ref: string): Promise<Deal> {
    const wanted = ref.toLowerCase();
    for (const status of STATUSES) {
      const entries = await this.deals.indexes.entries(ownerIndexKey(seller.tenantId, seller.userId, status));
      const hit = entries.find((e) => e.id.toLowerCase() === wanted || dealRef(e.id).toLowerCase() === wanted);
      if (hit) return this.open(seller, hit.id);
    }
    throw new DealError('deal.not_found');
  }

  /**
   * The seller's own deals whose customer's name holds what they typed ("fabrikam" finds "Fabrikam AB"),
   * compared as the duplicate rule compares names; the latest change first.
   */
  async findByCustomer(seller: Seller, typed: string): Promise<Deal[]> {
    const wanted = comparableName(typed);
    if (!wanted) return [];
    const entries = await this.deals.indexes.entriesOf(STATUSES.map((status) => ownerIndexKey(seller.tenantId, seller.userId, status)));
    const ids = [...new Set(entries.flat().map((e) => e.id))];
    const deals = (await this.deals.getMany(seller.tenantId, ids)).filter(
      (d): d is Deal =>
        d !== undefined && d.ownerId === seller.userId && comparableName(d.fields.customer?.companyName ?? '').includes(wanted),
    );
    return deals.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** How many deals wait on each page (read from the indexes, so a crash's phantom may count once). */
  async overview(seller: Seller): Promise<Record<PageName, number>> {
    const counts = { action_required: 0, in_progress: 0, closed: 0 };
    for (const [page, statuses] of Object.entries(PAGES) as [PageName, readonly Status[]][]) {
      for (const status of statuses) {
        counts[page] += (await this.deals.indexes.entries(ownerIndexKey(seller.tenantId, seller.userId, status))).length;
      }
    }
    return counts;
  }

  /** Discard: only an Incomplete deal (never registered), only as the seller last saw it. */
  async discard(seller: Seller, dealId: string, version: number): Promise<Deal> {
    const deal = await this.open(seller, dealId);
    if (deal.status !== 'incomplete') throw new DealError('deal.not_editable', { status: deal.status });
    if (deal.version !== version) throw new DealError('deal.stale_card');
    await this.deals.remove(deal);
    return deal;
  }

  /** Withdraw a deal from review, as the seller last saw it; the review card then says so. */
  async withdraw(seller: Seller, dealId: string, version: number): Promise<Deal> {
    await this.open(seller, dealId);
    const { deal } = await this.deals.update(seller.tenantId, dealId, (current) => {
      if (current.version !== version) throw new DealError('deal.stale_card');
      return { deal: withdraw(current, actOf(seller)), result: null };
    });
    this.outboxWritten();
    return deal;
  }

  /** A reply to the deal desk, recorded in the deal's history and shown on its review card. */
  async reply(seller: Seller, dealId: string, text: string): Promise<Deal> {
    await this.open(seller, dealId);
    const { deal } = await this.deals.update(seller.tenantId, dealId, (current) => ({
      deal: reply(current, text, actOf(seller)),
      result: null,
    }));
    this.outboxWritten();
    return deal;
  }

  /**
   * Update: an Update required deal opens in the wizard at its first flagged step, filled in, to walk the
   * seller through the flagged steps. Opening it again while the seller is at it shows where they are.
   */
  async startUpdate(seller: Seller, dealId: string): Promise<Deal> {
    const opened = await this.open(seller, dealId);
    if (opened.status === 'update_required' && opened.wizard.update) return opened;
    const { deal } = await this.deals.update(seller.tenantId, dealId, (current) => {
      if (current.status !== 'update_required') throw new DealError('deal.not_editable', { status: current.status });
      // Opening the wizard is not a change the seller made to the deal: its last-change time stays.
      return { deal: startUpdate(current), result: null };
    });
    return deal;
  }
}

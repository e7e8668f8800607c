import type { Deal } from '../domain/deal.js';
import { dealRef } from '../domain/deal-ref.js';
import { type DealSearch, NewestMatches } from '../domain/deal-search.js';
import { ok, type Result, refused } from '../domain/refusal.js';
import { comparableName } from '../domain/review.js';
import { reply, type SellerAct, withdraw } from '../domain/seller-actions.js';
import { PAGES, type PageName, type Status } from '../domain/status.js';
import { type Actor, transition } from '../domain/transition.js';
import { startUpdate } from '../domain/wizard.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { DealPage, PageCursor } from '../store/pages.js';
import type { Seller } from './seller.js';

const actOf = (seller: Seller): SellerAct => ({ userId: seller.userId, userName: seller.userName, now: seller.now });
const actorOf = (seller: Seller): Actor => ({ role: 'seller', id: seller.userId, name: seller.userName });

export interface PageRequest {
  page: PageName;
  /** One of the page's statuses, or all of them. */
  filter?: Status;
  older?: PageCursor;
  newer?: PageCursor;
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

  open(seller: Seller, dealId: string): Promise<Result<Deal>> {
    return this.deals.getOwned(seller.tenantId, seller.userId, dealId);
  }

  /** A deal by the reference on its card, looked for among the seller's own deals only. */
  async openByRef(seller: Seller, ref: string): Promise<Result<Deal>> {
    const wanted = ref.toLowerCase();
    const ids = await this.deals.idsOfOwner(seller.tenantId, seller.userId);
    const hit = ids.find((id) => id.toLowerCase() === wanted || dealRef(id).toLowerCase() === wanted);
    return hit ? this.open(seller, hit) : refused({ code: 'deal.not_found' });
  }

  /**
   * The seller's own deals whose customer's name holds what they typed ("fabrikam" finds "Fabrikam AB"),
   * compared as the duplicate rule compares names; the latest change first.
   */
  async findByCustomer(seller: Seller, typed: string): Promise<Deal[]> {
    const wanted = comparableName(typed);
    if (!wanted) return [];
    const ids = await this.deals.idsOfOwner(seller.tenantId, seller.userId);
    const deals = (await this.deals.getMany(seller.tenantId, ids)).filter(
      (d): d is Deal =>
        d !== undefined && d.ownerId === seller.userId && comparableName(d.fields.customer?.companyName ?? '').includes(wanted),
    );
    return deals.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** Every deal of the seller's, in any status (their pipeline). */
  async allOwn(seller: Seller): Promise<Deal[]> {
    const ids = await this.deals.idsOfOwner(seller.tenantId, seller.userId);
    const found = await this.deals.getMany(seller.tenantId, ids);
    return found.filter((d): d is Deal => d !== undefined && d.ownerId === seller.userId);
  }

  /** The seller's own deals the search asks for, newest change first, at most `keep` of them. */
  async search(seller: Seller, search: DealSearch, keep: number): Promise<Deal[]> {
    const ids = await this.deals.idsOfOwner(seller.tenantId, seller.userId, search.statuses.length > 0 ? search.statuses : undefined);
    const matches = new NewestMatches(search, keep);
    const found = await this.deals.getMany(seller.tenantId, ids);
    matches.offer(found.filter((d): d is Deal => d !== undefined && d.ownerId === seller.userId));
    return matches.newest();
  }

  /** How many deals wait on each page (read from the indexes, so a crash's phantom may count once). */
  async overview(seller: Seller): Promise<Record<PageName, number>> {
    const byStatus = await this.deals.countsOfOwner(seller.tenantId, seller.userId);
    const count = (page: PageName) => (PAGES[page] as readonly Status[]).reduce((sum, status) => sum + byStatus[status], 0);
    return { action_required: count('action_required'), in_progress: count('in_progress'), closed: count('closed') };
  }

  /** The deal's likely duplicates in the seller's tenant: the summary warns before the seller registers. */
  duplicatesOf(seller: Seller, deal: Deal): Promise<Deal[]> {
    return this.deals.duplicatesOf(deal, seller.now);
  }

  /** Discard: only an Incomplete deal (never registered), only as the seller last saw it. */
  async discard(seller: Seller, dealId: string, version: number): Promise<Result<Deal>> {
    const opened = await this.open(seller, dealId);
    if (!opened.ok) return opened;
    const allowed = transition(opened.value, 'discard', actorOf(seller), seller.now);
    if (!allowed.ok) return allowed.refusal.code === 'deal.transition_not_allowed' ? notEditable(opened.value) : allowed;
    if (opened.value.version !== version) return refused({ code: 'deal.stale_card' });
    return this.deals.remove(opened.value);
  }

  /** Withdraw a deal from review, as the seller last saw it; the review card then says so. */
  async withdraw(seller: Seller, dealId: string, version: number): Promise<Result<Deal>> {
    const done = await this.deals.update(seller.tenantId, dealId, (current) => {
      if (current.ownerId !== seller.userId) return { code: 'deal.not_found' };
      if (current.version !== version) return { code: 'deal.stale_card' };
      const withdrawn = withdraw(current, actOf(seller));
      return withdrawn.ok ? { deal: withdrawn.value, result: null } : withdrawn.refusal;
    });
    return this.written(done);
  }

  /** A reply to the deal desk, recorded in the deal's history and shown on its review card. */
  async reply(seller: Seller, dealId: string, text: string): Promise<Result<Deal>> {
    const done = await this.deals.update(seller.tenantId, dealId, (current) => {
      const replied = reply(current, text, actOf(seller));
      return replied.ok ? { deal: replied.value, result: null } : replied.refusal;
    });
    return this.written(done);
  }

  /**
   * Update: an Update required deal opens in the wizard at its first flagged step, filled in, to walk the
   * seller through the flagged steps. Opening it again while the seller is at it shows where they are.
   */
  async startUpdate(seller: Seller, dealId: string): Promise<Result<Deal>> {
    const opened = await this.open(seller, dealId);
    if (!opened.ok || (opened.value.status === 'update_required' && opened.value.wizard.update)) return opened;
    const done = await this.deals.update(seller.tenantId, dealId, (current) => {
      // Opening the wizard is not a change the seller made to the deal: its last-change time stays.
      const started = startUpdate(current, actOf(seller));
      if (started.ok) return { deal: started.value, result: null };
      return started.refusal.code === 'deal.transition_not_allowed'
        ? { code: 'deal.not_editable', status: current.status }
        : started.refusal;
    });
    return done.ok ? ok(done.value.deal) : done;
  }

  /** A change that wrote to the outbox (the review card): the worker is told to look now. */
  private written(done: Result<{ deal: Deal }>): Result<Deal> {
    if (!done.ok) return done;
    this.outboxWritten();
    return ok(done.value.deal);
  }
}

const notEditable = (deal: Deal): Result<Deal> => refused({ code: 'deal.not_editable', status: deal.status });

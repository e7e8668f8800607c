import type { Deal } from '../domain/deal.js';
import { DEAL_REF, dealRef } from '../domain/deal-ref.js';
import { type DealSearch, NewestMatches } from '../domain/deal-search.js';
import { ok, type Result, refused } from '../domain/refusal.js';
import { comparableName } from '../domain/review.js';
import { reply, withdraw } from '../domain/seller-actions.js';
import { PAGES, type PageName, type Status } from '../domain/status.js';
import { refusalOf } from '../domain/transition.js';
import { startUpdate } from '../domain/wizard.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { FileStore } from '../store/file-store.js';
import type { DealPage, PageCursor } from '../store/pages.js';
import { listedDeal, type ShownDeal, shownDeal } from './shown-deal.js';
import type { User } from './user.js';

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
    /** Where a deal's files are: a discarded draft takes them with it. */
    private readonly files?: FileStore,
  ) {}

  page(user: User, request: PageRequest): Promise<DealPage> {
    const statuses: readonly Status[] =
      request.filter && PAGES[request.page].includes(request.filter) ? [request.filter] : PAGES[request.page];
    return this.deals.ownerPage(user.tenantId, user.id, statuses, {
      older: request.older,
      newer: request.newer,
      limit: this.pageSize,
    });
  }

  /** The user's own deal, as its card shows it to them; anyone else's is "not found". */
  async open(user: User, dealId: string): Promise<Result<ShownDeal>> {
    const owned = await this.deals.getOwned(user.tenantId, user.id, dealId);
    return owned.ok ? ok(await this.shown(user, owned.value)) : owned;
  }

  /** A deal by the reference on its card, looked for among the user's own deals only. */
  async openByRef(user: User, ref: string): Promise<Result<ShownDeal>> {
    const wanted = ref.toLowerCase();
    const ids = await this.deals.idsOfOwner(user.tenantId, user.id);
    const hit = ids.find((id) => id.toLowerCase() === wanted || dealRef(id).toLowerCase() === wanted);
    return hit ? this.open(user, hit) : refused({ code: 'deal.not_found' });
  }

  /** The user's own deal, however it is named: by id, or by the reference on its card. */
  openByIdOrRef(user: User, idOrRef: string): Promise<Result<ShownDeal>> {
    return DEAL_REF.test(idOrRef) ? this.openByRef(user, idOrRef) : this.open(user, idOrRef);
  }

  /**
   * The user's own deals whose customer's name holds what they typed ("fabrikam" finds "Fabrikam AB"),
   * compared as the duplicate rule compares names; the latest change first.
   */
  async findByCustomer(user: User, typed: string): Promise<ShownDeal[]> {
    const wanted = comparableName(typed);
    if (!wanted) return [];
    const ids = await this.deals.idsOfOwner(user.tenantId, user.id);
    const deals = (await this.deals.getMany(user.tenantId, ids)).filter(
      (d): d is Deal => d !== undefined && d.ownerId === user.id && comparableName(d.fields.customer?.companyName ?? '').includes(wanted),
    );
    return deals.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).map((deal) => listedDeal(deal, user));
  }

  /** Every deal of the user's, in any status (their pipeline). */
  async allOwn(user: User): Promise<Deal[]> {
    const ids = await this.deals.idsOfOwner(user.tenantId, user.id);
    const found = await this.deals.getMany(user.tenantId, ids);
    return found.filter((d): d is Deal => d !== undefined && d.ownerId === user.id);
  }

  /** The user's own deals the search asks for, newest change first, at most `keep` of them. */
  async search(user: User, search: DealSearch, keep: number): Promise<Deal[]> {
    const ids = await this.deals.idsOfOwner(user.tenantId, user.id, search.statuses.length > 0 ? search.statuses : undefined);
    const matches = new NewestMatches(search, keep);
    const found = await this.deals.getMany(user.tenantId, ids);
    matches.offer(found.filter((d): d is Deal => d !== undefined && d.ownerId === user.id));
    return matches.newest();
  }

  /** How many deals wait on each page (read from the indexes, so a crash's phantom may count once). */
  async overview(user: User): Promise<Record<PageName, number>> {
    const byStatus = await this.deals.countsOfOwner(user.tenantId, user.id);
    const count = (page: PageName) => PAGES[page].reduce((sum, status) => sum + byStatus[status], 0);
    return { action_required: count('action_required'), in_progress: count('in_progress'), closed: count('closed') };
  }

  /** Discard: only an Incomplete deal (never registered), only as the user last saw it. */
  async discard(user: User, dealId: string, version: number): Promise<Result<Deal>> {
    const owned = await this.deals.getOwned(user.tenantId, user.id, dealId);
    if (!owned.ok) return owned;
    const refusal = refusalOf(owned.value, 'discard', user);
    if (refusal)
      return refused(refusal.code === 'deal.transition_not_allowed' ? { code: 'deal.not_editable', status: refusal.status } : refusal);
    if (owned.value.version !== version) return refused({ code: 'deal.stale_card' });
    const removed = await this.deals.remove(owned.value);
    if (removed.ok) await this.files?.removeDeal(user.tenantId, dealId);
    return removed;
  }

  /** Withdraw a deal from review, as the user last saw it; the review card then says so. */
  async withdraw(user: User, dealId: string, version: number): Promise<Result<ShownDeal>> {
    const done = await this.deals.update(user.tenantId, dealId, (current) => {
      if (current.ownerId !== user.id) return { code: 'deal.not_found' };
      if (current.version !== version) return { code: 'deal.stale_card' };
      const withdrawn = withdraw(current, user, user.now);
      return withdrawn.ok ? { deal: withdrawn.value, result: null } : withdrawn.refusal;
    });
    return this.written(user, done);
  }

  /** A reply to the deal desk, recorded in the deal's history and shown on its review card. */
  async reply(user: User, dealId: string, text: string): Promise<Result<ShownDeal>> {
    const done = await this.deals.update(user.tenantId, dealId, (current) => {
      const replied = reply(current, text, user, user.now);
      return replied.ok ? { deal: replied.value, result: null } : replied.refusal;
    });
    return this.written(user, done);
  }

  /**
   * Update: an Update required deal opens in the wizard at its first flagged step, filled in, to walk the
   * user through the flagged steps. Opening it again while they are at it shows where they are.
   */
  async startUpdate(user: User, dealId: string): Promise<Result<ShownDeal>> {
    const owned = await this.deals.getOwned(user.tenantId, user.id, dealId);
    if (!owned.ok) return owned;
    if (owned.value.status === 'update_required' && owned.value.wizard.update) return ok(await this.shown(user, owned.value));
    const done = await this.deals.update(user.tenantId, dealId, (current) => {
      // Opening the wizard is not a change the user made to the deal: its last-change time stays.
      const started = startUpdate(current, user, user.now);
      if (started.ok) return { deal: started.value, result: null };
      return started.refusal.code === 'deal.transition_not_allowed'
        ? { code: 'deal.not_editable', status: current.status }
        : started.refusal;
    });
    return done.ok ? ok(await this.shown(user, done.value.deal)) : done;
  }

  /** The deal as its card shows it to this user. */
  shown(user: User, deal: Deal): Promise<ShownDeal> {
    return shownDeal(this.deals, deal, user, user.now);
  }

  /** A change that wrote to the outbox (the review card): the worker is told to look now. */
  private async written(user: User, done: Result<{ deal: Deal }>): Promise<Result<ShownDeal>> {
    if (!done.ok) return done;
    this.outboxWritten();
    return ok(await this.shown(user, done.value.deal));
  }
}

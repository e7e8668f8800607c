import type { Clock } from '../clock.js';
import { isRegistered, type Viewer, viewerOf } from '../domain/access.js';
import type { Actor } from '../domain/actor.js';
import { DAY_MS } from '../domain/dates.js';
import type { Deal } from '../domain/deal.js';
import { DEAL_REF, dealRef } from '../domain/deal-ref.js';
import { type DealSearch, NewestMatches } from '../domain/deal-search.js';
import { ok, type Refusal, type Result, refused } from '../domain/refusal.js';
import { type Decision, decide } from '../domain/review.js';
import { type QueueFilter, type QueuePage, queuePage } from '../domain/review-queue.js';
import { type ReviewStats, reviewStats } from '../domain/review-stats.js';
import { STATUSES, type Status } from '../domain/status.js';
import { allowedSteps, refusalOf, type TransitionName } from '../domain/transition.js';
import type { DealRepository, Paging } from '../store/deal-repository.js';
import type { DealPage } from '../store/pages.js';
import type { Pseudonyms } from '../store/pseudonyms.js';

/** A review card as one user sees it: the deal, how they see it, the steps they may take, its likely duplicates. */
export interface ReviewShown {
  deal: Deal;
  viewer: Viewer;
  steps: ReadonlySet<TransitionName>;
  duplicates: readonly Deal[];
}

export interface DecisionRequest {
  decision: Decision;
  comment?: string;
  fields?: readonly string[];
  /** The versions the reviewer may be deciding on (If-Match's list, or the card's one); any other is refused. */
  expectedVersions?: readonly number[];
}

/** The deal desk's side: the queue, one deal, and decisions. Works on any deal of the reviewer's tenant. */
export class ReviewService {
  constructor(
    private readonly deals: DealRepository,
    /** Something was written to the outbox (the owner's notice, the review card): the worker should look now. */
    private readonly outboxWritten: () => void,
    private readonly clock: Clock,
    private readonly pseudonyms: Pseudonyms,
  ) {}

  /** The deal's likely duplicates in its tenant, shown to the desk as a warning. */
  duplicatesOf(deal: Deal, now: Date = this.clock()): Promise<Deal[]> {
    return this.deals.duplicatesOf(deal, now);
  }

  /** Every deal of the tenant (the desk's pipeline). */
  allDeals(tenantId: string): Promise<Deal[]> {
    return this.deals.allOfTenant(tenantId);
  }

  /** The tenant's registered deals in these statuses, a batch at a time (memory stays flat: an export). */
  async *exportDeals(tenantId: string, statuses: readonly Status[]): AsyncIterable<Deal[]> {
    for await (const batch of this.deals.streamOfTenant(tenantId, statuses)) {
      const registered = batch.filter(isRegistered);
      if (registered.length > 0) yield registered;
    }
  }

  /**
   * The tenant's deals the search asks for, newest change first, at most `keep` of them: from the search
   * index when a typed word can answer, else read a batch at a time, so a search holds little however many
   * deals the tenant has.
   */
  async search(tenantId: string, search: DealSearch, keep: number): Promise<Deal[]> {
    const indexed = await this.deals.searchRegistered(tenantId, search, keep);
    if (indexed) return indexed;
    const matches = new NewestMatches(search, keep);
    for await (const batch of this.deals.streamOfTenant(tenantId, search.statuses.length > 0 ? search.statuses : STATUSES)) {
      matches.offer(batch);
    }
    return matches.newest();
  }

  /** A page of the tenant's deals in a status, as the desk sees them: drafts never registered are left out. */
  async queue(tenantId: string, status: Status, paging: Paging): Promise<DealPage> {
    const page = await this.deals.queuePage(tenantId, status, paging);
    return { ...page, deals: page.deals.filter(isRegistered) };
  }

  /** One deal as the desk sees it over the API: a draft never registered is "not found", as it is in Teams. */
  async get(tenantId: string, idOrRef: string): Promise<Result<Deal>> {
    const deal = await this.find(tenantId, idOrRef);
    return deal && isRegistered(deal) ? ok(deal) : refused({ code: 'deal.not_found' });
  }

  /** The deal an id or reference names, whoever may see it (the caller decides that). */
  private async find(tenantId: string, idOrRef: string): Promise<Deal | undefined> {
    const id = await this.idOf(tenantId, idOrRef);
    return id === undefined ? undefined : this.deals.get(tenantId, id);
  }

  /**
   * A deal's id from its id or from the reference its cards show ("D-8B288A92"), looked for among the
   * tenant's deals in every status (one read of the tenant's queue indexes).
   */
  async idOf(tenantId: string, idOrRef: string): Promise<string | undefined> {
    if (!DEAL_REF.test(idOrRef)) return idOrRef;
    const wanted = idOrRef.toUpperCase();
    const entries = await this.deals.entriesInStatuses(tenantId, STATUSES);
    const ids = new Set(entries.map((e) => e.id).filter((id) => dealRef(id) === wanted));
    return ids.size === 1 ? [...ids][0] : undefined;
  }

  /**
   * The desk's figures: deals waiting now and the oldest wait, and the median and 90th percentile time
   * from entering review to a decision over the last `days` days. Reads the tenant's queue and the deals
   * it names (decided ones only if they changed status in the period).
   */
  async stats(tenantId: string, days = 30): Promise<ReviewStats> {
    const now = this.clock();
    const since = new Date(now.getTime() - days * DAY_MS);
    const decidedStatuses: readonly Status[] = ['approved', 'declined', 'update_required'];
    return reviewStats(await this.inStatuses(tenantId, ['in_review']), await this.inStatuses(tenantId, decidedStatuses, since), now, since);
  }

  /** The queue as the desk works it in Teams: deals In review, oldest wait first, filtered, a page at a time. */
  async waiting(tenantId: string, filter: QueueFilter, offset: number, limit: number): Promise<QueuePage> {
    return queuePage(await this.inStatuses(tenantId, ['in_review']), filter, offset, limit);
  }

  /** Every deal of the tenant now in one of these statuses (that entered it since `from`, if given). */
  async inStatuses(tenantId: string, statuses: readonly Status[], from?: Date): Promise<Deal[]> {
    const entries = (await this.deals.entriesInStatuses(tenantId, statuses)).filter((e) => !from || Date.parse(e.at) >= from.getTime());
    const found = await this.deals.getMany(tenantId, [...new Set(entries.map((e) => e.id))]);
    return found.filter((d): d is Deal => d !== undefined && statuses.includes(d.status));
  }

  /**
   * One decision, atomically with its history entry and the owner's notification; exactly one of two racing
   * wins. The actor decides as what they are: the domain refuses a seller, another tenant, the deal's own
   * owner. Answers the deal as it is now, decided or as it stood when refused.
   */
  async decide(decider: Actor, idOrRef: string, request: DecisionRequest): Promise<{ outcome: Result<Deal>; current?: Deal }> {
    const id = await this.idOf(decider.tenantId, idOrRef);
    if (id === undefined) return { outcome: refused({ code: 'deal.not_found' }) };
    // An approver erased since their first approval is still the same pair of eyes: their pseudonym is theirs.
    const pseudonym = decider.unboundKey ? [] : [await this.pseudonyms.ofPerson(decider.tenantId, decider.id)];
    const actor: Actor = { ...decider, aliases: [...(decider.aliases ?? []), ...pseudonym] };
    let current: Deal | undefined;
    const done = await this.deals.update(actor.tenantId, id, (stored) => {
      current = stored;
      // Who may decide at all comes before which version they decided on.
      const denied = refusalOf(stored, request.decision, actor);
      if (denied && denied.code !== 'deal.transition_not_allowed') return denied;
      if (request.expectedVersions !== undefined && !request.expectedVersions.includes(stored.version)) {
        return { code: 'deal.version_mismatch', version: stored.version, status: stored.status };
      }
      const decided = decide(stored, request.decision, actor, request, this.clock());
      return decided.ok ? { deal: decided.value, result: null } : decided.refusal;
    });
    if (!done.ok) return { outcome: done, current };
    this.outboxWritten();
    return { outcome: ok(done.value.deal), current: done.value.deal };
  }

  /**
   * A decision on the review card: the card answers with the deal as it is now (decided, or as it stood when
   * refused), its duplicates, and what this reviewer may still do; a deal they may not see is "not found".
   */
  async decideOnCard(
    actor: Actor,
    dealId: string,
    request: DecisionRequest,
    where: { inReviewConversation: boolean },
  ): Promise<Result<ReviewShown & { refusal?: Refusal }>> {
    const { outcome, current } = await this.decide(actor, dealId, request);
    if (!current || !viewerOf(current, actor, where)) return refused({ code: 'deal.not_found' });
    const shown = await this.shown(current, actor, where);
    if (!shown) return refused({ code: 'deal.not_found' });
    return ok(outcome.ok ? shown : { ...shown, refusal: outcome.refusal });
  }

  /** A deal's review card as this actor sees it, or "not found" if they may not see it. */
  async show(actor: Actor, idOrRef: string, where: { inReviewConversation: boolean }): Promise<Result<ReviewShown>> {
    const found = await this.find(actor.tenantId, idOrRef);
    const shown = found ? await this.shown(found, actor, where) : undefined;
    return shown ? ok(shown) : refused({ code: 'deal.not_found' });
  }

  private async shown(deal: Deal, actor: Actor, where: { inReviewConversation: boolean }): Promise<ReviewShown | undefined> {
    const viewer = viewerOf(deal, actor, where);
    if (!viewer) return undefined;
    return { deal, viewer, steps: allowedSteps(deal, actor), duplicates: await this.duplicatesOf(deal) };
  }
}

import { z } from 'zod';
import { Deal } from '../domain/deal.js';
import { type DealSearch, entryMayMatch, NewestMatches, searchableName, searchTokensFor, searchTokensOf } from '../domain/deal-search.js';
import { isDuplicateOf } from '../domain/duplicates.js';
import { hasWaiting, hasWaitingForChannel, owesAnything } from '../domain/outbox.js';
import { ok, type Refusal, type Result, refused } from '../domain/refusal.js';
import { customerKey, customerKeyBeforeLookalikes } from '../domain/review.js';
import { STATUSES, type Status } from '../domain/status.js';
import type { Documents } from './documents.js';
import { adding, addingCapped, dropping, FULL, type IndexChange, type IndexEntry, Indexes, upserting } from './indexes.js';
import {
  dealKey,
  deskWaitingKey,
  duplicateKey,
  ownerIndexKey,
  parseDigestPendingId,
  parsePendingEntryId,
  pendingEntryId,
  pendingKey,
  pendingKeys,
  queueKey,
  queueKeys,
  queueShard,
  recentCurrenciesKey,
  referralKey,
  SEARCH_SHARDS,
  searchBuiltKey,
  searchKeyOf,
  searchKeys,
  TENANTS_KEY,
  waitingKey,
} from './keys.js';
import { type DealPage, type PageCursor, readPage } from './pages.js';
import { afterConflict } from './retry.js';

const MAX_ATTEMPTS = 5;
/** A search word listing more registered deals than this lists none (FULL): a search uses another word or reads the tenant. */
export const MAX_SEARCH_ENTRIES = 2000;
const SEARCH_SHARD_CAP = MAX_SEARCH_ENTRIES / SEARCH_SHARDS;
const CURRENCIES_HELD_MS = 60_000;
/** Drafts looked through for the one changed last: a seller keeps a handful. */
const LATEST_DRAFT_AMONG = 20;
/** The search index's entries for a registered deal, one under each of its words. */
function searchListing(deal: Deal): IndexChange[] {
  const entry = { id: deal.id, at: deal.updatedAt, version: deal.version, n: searchableName(deal) };
  return searchTokensOf(deal).map((token) => ({
    key: searchKeyOf(deal.tenantId, token, deal.id),
    change: addingCapped(entry, SEARCH_SHARD_CAP),
  }));
}
/** Registered deals: a draft is found by its seller only, through their own lists. */
const searchable = (deal: Deal | undefined) => deal?.registeredAt !== undefined;

/** Only a change that adds or delivers notifications needs the pending index touched. */
const sameOutbox = (a: Deal | undefined, b: Deal) =>
  a !== undefined && a.outbox.length === b.outbox.length && owesAnything(a) === owesAnything(b);

/** What a change to a deal produces: the deal to write (the same object: nothing to write) and what to return. */
export interface Change<R> {
  deal: Deal;
  result: R;
}

/** A deal the pending index lists as owing messages. */
export interface PendingDeal {
  tenantId: string;
  ownerId: string;
  dealId: string;
}

/** A review digest the pending index lists as owed. */
export interface PendingDigest {
  tenantId: string;
  conversation: string;
  day: string;
}

export interface Paging {
  older?: PageCursor;
  newer?: PageCursor;
  limit: number;
}

/** The currencies a tenant's sellers chose lately, latest first. */
export const RecentCurrencies = z.object({ codes: z.array(z.string().max(3)).max(20) });

/**
 * Deals as single documents: every change is one compare-and-swap on `deal/{tenant}/{id}`, so a status
 * change, its history entry and its notification are written together or not at all. The indexes that
 * list deals (by owner, the tenant's queue, by customer) are written first, as intents.
 */
export class DealRepository {
  readonly indexes: Indexes;
  /** Tenants this process has seen in the tenant list: the list is written once per tenant, not per deal. */
  private readonly listedTenants = new Set<string>();
  private readonly heldCurrencies = new Map<string, { codes: string[]; until: number }>();
  /** Tenants whose search index this process knows is complete. */
  private readonly searchBuilt = new Set<string>();

  constructor(private readonly docs: Documents) {
    this.indexes = new Indexes(docs);
  }

  async get(tenantId: string, dealId: string): Promise<Deal | undefined> {
    const found = await this.docs.read<unknown>(dealKey(tenantId, dealId));
    return found ? Deal.parse(found.value) : undefined;
  }

  async getMany(tenantId: string, dealIds: readonly string[]): Promise<(Deal | undefined)[]> {
    const found = await this.docs.readMany<unknown>(dealIds.map((id) => dealKey(tenantId, id)));
    return found.map((f) => (f ? Deal.parse(f.value) : undefined));
  }

  /** The deal, if it exists in this tenant and belongs to this owner: anything else is "not found". */
  async getOwned(tenantId: string, ownerId: string, dealId: string): Promise<Result<Deal>> {
    const deal = await this.get(tenantId, dealId);
    return deal && deal.ownerId === ownerId ? ok(deal) : refused({ code: 'deal.not_found' });
  }

  /** Writes a new deal; false if a deal with its id exists already (nothing is written then). */
  async create(deal: Deal): Promise<boolean> {
    await this.writeIntents(undefined, deal);
    return this.docs.insert(dealKey(deal.tenantId, deal.id), deal);
  }

  /**
   * Applies `change` to the stored deal and writes it back only if nobody wrote in between; on a
   * conflict it reloads and applies again, so `change` must decide from the deal it is given. A refusal
   * from `change` (or no such deal, or others winning every attempt) writes nothing and is returned.
   */
  async update<R>(
    tenantId: string,
    dealId: string,
    change: (current: Deal) => Change<R> | Refusal,
  ): Promise<Result<Change<R> & { previous: Deal }>> {
    const key = dealKey(tenantId, dealId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const found = await this.docs.read<unknown>(key);
      if (!found) return refused({ code: 'deal.not_found' });
      const current = Deal.parse(found.value);
      const outcome = change(current);
      if ('code' in outcome) return refused(outcome);
      if (outcome.deal === current) return ok({ ...outcome, previous: current }); // nothing to write
      await this.writeIntents(current, outcome.deal);
      if (await this.docs.swap(key, found.token, outcome.deal)) {
        await this.leaveOldIndexes(current, outcome.deal);
        return ok({ ...outcome, previous: current });
      }
      await afterConflict(attempt);
    }
    return refused({ code: 'deal.conflict' });
  }

  /** Lists a deal written by other means (a copy, a restore) in every index it belongs to. */
  async reindex(deal: Deal): Promise<void> {
    await this.writeIntents(undefined, deal);
  }

  /** Deletes the deal if it is still exactly as `expected` says (an owner discarding a draft). */
  async remove(expected: Deal): Promise<Result<Deal>> {
    const key = dealKey(expected.tenantId, expected.id);
    const found = await this.docs.read<unknown>(key);
    if (!found) return refused({ code: 'deal.not_found' });
    if (Deal.parse(found.value).version !== expected.version || !(await this.docs.removeIf(key, found.token))) {
      return refused({ code: 'deal.stale_card' });
    }
    const changes: IndexChange[] = [
      { key: ownerIndexKey(expected.tenantId, expected.ownerId, expected.status), change: dropping(expected.id) },
      { key: queueKey(expected.tenantId, expected.status, queueShard(expected.id)), change: dropping(expected.id) },
    ];
    if (searchable(expected)) {
      for (const token of searchTokensOf(expected))
        changes.push({ key: searchKeyOf(expected.tenantId, token, expected.id), change: dropping(expected.id) });
    }
    const customer = expected.fields.customer;
    if (customer) {
      for (const key of new Set([
        customerKey(customer.companyName, customer.country),
        customerKeyBeforeLookalikes(customer.companyName, customer.country),
      ])) {
        changes.push({ key: duplicateKey(expected.tenantId, key), change: dropping(expected.id) });
      }
    }
    await this.indexes.apply(changes);
    return ok(expected);
  }

  /** A page of the owner's deals in the given statuses, newest change first. */
  ownerPage(tenantId: string, ownerId: string, statuses: readonly Status[], paging: Paging): Promise<DealPage> {
    return readPage(this.docs, this.indexes, tenantId, {
      ...paging,
      sources: statuses.map((status) => ({ key: ownerIndexKey(tenantId, ownerId, status), status })),
      belongs: (deal) => deal.ownerId === ownerId,
    });
  }

  /** A page of every deal in the tenant with this status (the deal desk's queue), newest change first. */
  queuePage(tenantId: string, status: Status, paging: Paging): Promise<DealPage> {
    return readPage(this.docs, this.indexes, tenantId, {
      ...paging,
      sources: queueKeys(tenantId, status).map((key) => ({ key, status })),
      belongs: () => true,
    });
  }

  /** The owner's deals in one status, newest change first. */
  async listByOwner(tenantId: string, ownerId: string, status: Status, limit: number): Promise<Deal[]> {
    return (await this.ownerPage(tenantId, ownerId, [status], { limit })).deals;
  }

  /**
   * The owner's draft changed last: the lists order by when a deal became a draft, so the few newest are
   * read and the one changed last taken.
   */
  async latestDraft(tenantId: string, ownerId: string): Promise<Deal | undefined> {
    const drafts = await this.listByOwner(tenantId, ownerId, 'incomplete', LATEST_DRAFT_AMONG);
    return drafts.reduce<Deal | undefined>((latest, d) => (!latest || d.updatedAt > latest.updatedAt ? d : latest), undefined);
  }

  /** Every tenant with deals. */
  async tenants(): Promise<string[]> {
    return (await this.indexes.entries(TENANTS_KEY)).map((e) => e.id);
  }

  /** Index entries of the tenant's deals in these statuses (a deal may appear twice while it moves). */
  async entriesInStatuses(tenantId: string, statuses: readonly Status[]): Promise<IndexEntry[]> {
    return (await this.indexes.entriesOf(statuses.flatMap((status) => queueKeys(tenantId, status)))).flat();
  }

  /**
   * Everything the pending index says is owed: deals owing messages (by owner) and review digests. Read
   * from the index, so a deal may be gone (a phantom) or owe nothing any more (settled, not yet unlisted).
   */
  async owing(): Promise<{ deals: PendingDeal[]; digests: PendingDigest[] }> {
    const entries = (await this.indexes.entriesOf(pendingKeys())).flat();
    const deals: PendingDeal[] = [];
    const digests: PendingDigest[] = [];
    for (const entry of entries) {
      const digest = parseDigestPendingId(entry.id);
      if (digest) digests.push(digest);
      const deal = parsePendingEntryId(entry.id);
      if (deal) deals.push(deal);
    }
    return { deals, digests };
  }

  /** How many entries the pending index holds, and when the longest-listed one was listed (the metrics' gauges). */
  async owingSummary(): Promise<{ depth: number; oldestAt?: Date }> {
    const entries = (await this.indexes.entriesOf(pendingKeys())).flat();
    const oldest = entries.reduce((min, e) => Math.min(min, Date.parse(e.at)), Number.POSITIVE_INFINITY);
    return { depth: entries.length, oldestAt: Number.isFinite(oldest) ? new Date(oldest) : undefined };
  }

  /** Deals In review in every tenant, read from the queues (the deal desk's backlog, a metrics gauge). */
  async inReviewCount(): Promise<number> {
    const keys = (await this.tenants()).flatMap((tenantId) => queueKeys(tenantId, 'in_review'));
    return new Set((await this.indexes.entriesOf(keys)).flat().map((e) => e.id)).size;
  }

  /**
   * A pending entry whose deal never came (a crash between the intent and the deal's write), once it is
   * older than `before`: unlisted. A younger one may be a write still in flight.
   */
  async unlistPhantom(owed: PendingDeal, before: Date): Promise<void> {
    const id = pendingEntryId(owed.tenantId, owed.ownerId, owed.dealId);
    const entries = await this.indexes.entries(pendingKey(owed.dealId));
    await this.indexes.dropStale(
      pendingKey(owed.dealId),
      entries.filter((e) => e.id === id && Date.parse(e.at) < before.getTime()),
    );
  }

  /** The deal owes nothing any more but is still listed (its write could not tidy the index): unlisted. */
  async unlistSettled(deal: Deal): Promise<void> {
    await this.indexes.drop(pendingKey(deal.id), pendingEntryId(deal.tenantId, deal.ownerId, deal.id), deal.version);
  }

  /**
   * The tenant's deals in these statuses, a batch at a time, reading one queue shard at a time: memory
   * stays flat however many deals there are (an export). Each deal once, in the status it is in now.
   */
  async *streamOfTenant(tenantId: string, statuses: readonly Status[], batch = 200): AsyncIterable<Deal[]> {
    for (const status of statuses) {
      for (const key of queueKeys(tenantId, status)) {
        const ids = (await this.indexes.entries(key)).map((e) => e.id);
        for (let i = 0; i < ids.length; i += batch) {
          const deals = (await this.getMany(tenantId, ids.slice(i, i + batch))).filter(
            (d): d is Deal => d !== undefined && d.status === status,
          );
          if (deals.length > 0) yield deals;
        }
      }
    }
  }

  /** Every deal of the tenant, in any status (a data request looks through all of them). */
  async allOfTenant(tenantId: string): Promise<Deal[]> {
    const ids = [...new Set((await this.entriesInStatuses(tenantId, STATUSES)).map((e) => e.id))];
    const found = await this.getMany(tenantId, ids);
    return found.filter((d): d is Deal => d !== undefined);
  }

  /** The ids of the owner's deals in any status (read from the indexes, so one may be gone or appear twice). */
  async idsOfOwner(tenantId: string, ownerId: string, statuses: readonly Status[] = STATUSES): Promise<string[]> {
    const entries = await this.indexes.entriesOf(statuses.map((status) => ownerIndexKey(tenantId, ownerId, status)));
    return [...new Set(entries.flat().map((e) => e.id))];
  }

  /** How many of the owner's deals each status lists (from the indexes, so a crash's phantom may count once). */
  async countsOfOwner(tenantId: string, ownerId: string): Promise<Record<Status, number>> {
    const entries = await this.indexes.entriesOf(STATUSES.map((status) => ownerIndexKey(tenantId, ownerId, status)));
    return Object.fromEntries(STATUSES.map((status, i) => [status, entries[i]!.length])) as Record<Status, number>;
  }

  /**
   * After an owner's erasure: their lists and waiting list let go of every deal no longer theirs (the
   * deal's own write does this too, as tidying that may fail), and an emptied list's key is deleted with it.
   */
  async forgetOwner(tenantId: string, ownerId: string): Promise<void> {
    const keys = [...STATUSES.map((status) => ownerIndexKey(tenantId, ownerId, status)), waitingKey(tenantId, ownerId)];
    const lists = await this.indexes.entriesOf(keys);
    const ids = [...new Set(lists.flat().map((e) => e.id))];
    const stillTheirs = new Set(
      (await this.getMany(tenantId, ids)).filter((d) => d !== undefined && d.ownerId === ownerId).map((d) => d!.id),
    );
    await Promise.all(
      keys.map((key, i) =>
        this.indexes.dropStale(
          key,
          lists[i]!.filter((e) => !stillTheirs.has(e.id)),
        ),
      ),
    );
  }

  /** The owner's deals keeping notifications for them while they could not be reached in Teams. */
  async waitingForOwner(tenantId: string, ownerId: string): Promise<string[]> {
    return (await this.indexes.entries(waitingKey(tenantId, ownerId))).map((e) => e.id);
  }

  /** A deal listed as waiting for its owner is gone (a draft discarded meanwhile): unlist it. */
  async notWaitingForOwner(tenantId: string, ownerId: string, dealId: string): Promise<void> {
    await this.indexes.drop(waitingKey(tenantId, ownerId), dealId);
  }

  /** Deals whose review card waits for a reviewer to claim a conversation that can take it. */
  async waitingForChannel(tenantId: string): Promise<string[]> {
    return (await this.indexes.entries(deskWaitingKey(tenantId))).map((e) => e.id);
  }

  /** A deal listed as waiting for a review conversation no longer does (it was tidied late): unlist it. */
  async notWaitingForChannel(tenantId: string, dealId: string): Promise<void> {
    await this.indexes.drop(deskWaitingKey(tenantId), dealId);
  }

  /**
   * The id of the deal a referral is bound to: `proposed` if this is the first report of it (the first
   * report claims an id, later ones read it), so one referral makes one deal however often it is reported.
   */
  async dealOfReferral(tenantId: string, referralId: string, proposed: string): Promise<string> {
    const key = referralKey(tenantId, referralId);
    await this.docs.insert(key, { dealId: proposed });
    const dealId = (await this.docs.read<{ dealId: string }>(key))?.value.dealId;
    if (!dealId) throw new Error(`referral ${key} vanished right after it was claimed`);
    return dealId;
  }

  /**
   * The currencies a tenant's sellers chose lately, latest first: held in memory a minute, so the value
   * step does not read them on every turn. Another instance's choice shows here within the minute, which
   * only reorders a list of suggestions.
   */
  async recentCurrencies(tenantId: string): Promise<string[]> {
    const held = this.heldCurrencies.get(tenantId);
    const now = this.docs.clock().getTime();
    if (held && held.until > now) return held.codes;
    const stored = RecentCurrencies.safeParse((await this.docs.read<unknown>(recentCurrenciesKey(tenantId)))?.value);
    const codes = stored.success ? stored.data.codes : [];
    this.heldCurrencies.set(tenantId, { codes, until: now + CURRENCIES_HELD_MS });
    return codes;
  }

  /** Last write wins: two sellers at once may lose one's choice from the list, which costs nothing. */
  async rememberCurrencies(tenantId: string, codes: readonly string[]): Promise<void> {
    await this.docs.put(recentCurrenciesKey(tenantId), { codes });
    this.heldCurrencies.set(tenantId, { codes: [...codes], until: this.docs.clock().getTime() + CURRENCIES_HELD_MS });
  }

  /** The deal's likely duplicates (the rule is isDuplicateOf's), found through the index of registered deals by customer. */
  async duplicatesOf(deal: Deal, now: Date): Promise<Deal[]> {
    const customer = deal.fields.customer;
    if (!customer || !deal.fields.solution) return [];
    const candidates = await this.sameCustomer(deal.tenantId, customer.companyName, customer.country);
    return candidates.filter((other) => isDuplicateOf(deal, other, now));
  }

  /** Registered deals for the same customer (name and country), as the duplicate index lists them. */
  private async sameCustomer(tenantId: string, companyName: string, country: string): Promise<Deal[]> {
    const keys = new Set([customerKey(companyName, country), customerKeyBeforeLookalikes(companyName, country)]);
    const entries = (await this.indexes.entriesOf([...keys].map((key) => duplicateKey(tenantId, key)))).flat();
    return (await this.getMany(tenantId, [...new Set(entries.map((e) => e.id))])).filter((d): d is Deal => d !== undefined);
  }

  private async writeIntents(current: Deal | undefined, next: Deal): Promise<void> {
    const changes: IndexChange[] = [];
    const newTenant = !this.listedTenants.has(next.tenantId);
    const unlisted = newTenant && !(await this.tenants()).includes(next.tenantId);
    if (newTenant) changes.push({ key: TENANTS_KEY, change: adding({ id: next.tenantId, at: next.updatedAt, version: 0 }) });
    const entry = { id: next.id, at: next.updatedAt, version: next.version };
    // A seller's lists order by last change and show a deal whose status matches: a write that moves
    // neither (a notification claimed or delivered) leaves them as they are. A draft keeps its place while
    // the wizard fills it: reordering on every step cost two store calls of each (the list read and
    // rewritten beside the deal); "continue" finds the draft changed last itself (latestDraft).
    const newOwner = current !== undefined && current.ownerId !== next.ownerId;
    const reordered = current !== undefined && current.updatedAt !== next.updatedAt && next.status !== 'incomplete';
    if (current?.status !== next.status || reordered || newOwner) {
      changes.push({ key: ownerIndexKey(next.tenantId, next.ownerId, next.status), change: upserting(entry) });
    }
    // The tenant's queue orders by when a deal entered its status. Rewriting it on every wizard step made
    // sellers in one tenant contend for its few large shards (measured: 122 steps/s with 500 drafts in the
    // tenant, 77/s with 8,000); a change of status is rare, and the only one it needs.
    if (current?.status !== next.status) {
      changes.push({ key: queueKey(next.tenantId, next.status, queueShard(next.id)), change: upserting(entry) });
    }
    if (owesAnything(next) && (!sameOutbox(current, next) || newOwner)) {
      // Stamped with the time of writing: a worker that finds no deal yet judges a phantom by how old the intent is.
      const id = pendingEntryId(next.tenantId, next.ownerId, next.id);
      changes.push({ key: pendingKey(next.id), change: upserting({ id, at: this.docs.clock().toISOString(), version: next.version }) });
    }
    if (hasWaiting(next) && (!(current && hasWaiting(current)) || newOwner)) {
      changes.push({ key: waitingKey(next.tenantId, next.ownerId), change: upserting(entry) });
    }
    if (hasWaitingForChannel(next) && !(current && hasWaitingForChannel(current))) {
      changes.push({ key: deskWaitingKey(next.tenantId), change: upserting(entry) });
    }
    // The search index changes with a registration and a renamed customer, never with a step or a decision.
    if (searchable(next) && (!searchable(current) || searchableName(current!) !== searchableName(next))) {
      changes.push(...searchListing(next));
    }
    const customer = next.fields.customer;
    if (next.status === 'in_review' && current?.status !== 'in_review' && customer) {
      const key = duplicateKey(next.tenantId, customerKey(customer.companyName, customer.country));
      changes.push({ key, change: upserting(entry) });
    }
    await this.indexes.apply(changes);
    if (newTenant) {
      this.listedTenants.add(next.tenantId);
      // A tenant new to the store has a search index as complete as its first deal. One the store listed
      // before is built at start (buildMissingSearchIndexes), if it predates the index.
      if (unlisted) await this.markSearchIndexBuilt(next.tenantId);
    }
  }

  /**
   * The deal is written: taking it out of the indexes it left is tidying. Readers skip and drop entries the
   * deal does not confirm, so a store too busy for this costs a stale entry for a while, never the change
   * (which the caller would otherwise be told failed, and retry against a deal that already moved).
   */
  private async leaveOldIndexes(current: Deal, next: Deal): Promise<void> {
    await this.tidyIndexes(current, next).catch(() => undefined);
  }

  private async tidyIndexes(current: Deal, next: Deal): Promise<void> {
    const v = next.version;
    const changes: IndexChange[] = [];
    // An owner erased: every index that names the old owner (their lists, the pending entry, the waiting
    // list) lets the deal go, so no key or entry keeps an id the erasure removed from the deal.
    const newOwner = current.ownerId !== next.ownerId;
    if (owesAnything(current) && (!owesAnything(next) || newOwner)) {
      changes.push({ key: pendingKey(next.id), change: dropping(pendingEntryId(current.tenantId, current.ownerId, next.id), v) });
    }
    if (hasWaiting(current) && (!hasWaiting(next) || newOwner))
      changes.push({ key: waitingKey(current.tenantId, current.ownerId), change: dropping(next.id, v) });
    if (hasWaitingForChannel(current) && !hasWaitingForChannel(next)) {
      changes.push({ key: deskWaitingKey(next.tenantId), change: dropping(next.id, v) });
    }
    if (current.status !== next.status || newOwner) {
      changes.push({ key: ownerIndexKey(current.tenantId, current.ownerId, current.status), change: dropping(current.id, v) });
    }
    if (current.status !== next.status) {
      changes.push({ key: queueKey(current.tenantId, current.status, queueShard(current.id)), change: dropping(current.id, v) });
    }
    if (searchable(current)) {
      const kept = new Set(searchTokensOf(next));
      for (const token of searchTokensOf(current)) {
        if (!kept.has(token)) changes.push({ key: searchKeyOf(current.tenantId, token, current.id), change: dropping(current.id, v) });
      }
    }
    await this.indexes.apply(changes);
  }

  private async searchIndexBuilt(tenantId: string): Promise<boolean> {
    if (this.searchBuilt.has(tenantId)) return true;
    if (!(await this.docs.read<unknown>(searchBuiltKey(tenantId)))) return false;
    this.searchBuilt.add(tenantId);
    return true;
  }

  /**
   * Lists every registered deal of the tenant in the search index, then marks it complete: for a store
   * written before the index existed (the bot does this at start), and after a copy or restore. Adding an
   * entry twice changes nothing, so instances building at once, or a build cut short and run again, agree.
   */
  async buildSearchIndex(tenantId: string): Promise<number> {
    let listed = 0;
    for await (const batch of this.streamOfTenant(tenantId, STATUSES)) {
      for (const deal of batch.filter(searchable)) {
        await this.indexes.apply(searchListing(deal));
        listed++;
      }
    }
    await this.markSearchIndexBuilt(tenantId);
    return listed;
  }

  /** Builds the search index of every tenant whose index is not marked complete. */
  async buildMissingSearchIndexes(): Promise<void> {
    for (const tenantId of await this.tenants()) await this.ensureSearchIndex(tenantId);
  }

  private readonly building = new Map<string, Promise<unknown>>();
  /** The tenant's index built once, if it is not marked complete: one build at a time per tenant in this process. */
  ensureSearchIndex(tenantId: string): Promise<unknown> {
    const running = this.building.get(tenantId);
    if (running) return running;
    const build = this.searchIndexBuilt(tenantId)
      .then((built) => (built ? undefined : this.buildSearchIndex(tenantId)))
      .finally(() => this.building.delete(tenantId));
    this.building.set(tenantId, build);
    return build;
  }

  /** Marks the tenant's search index complete: a copy or restore listed every deal as it wrote it. */
  async markSearchIndexBuilt(tenantId: string): Promise<void> {
    await this.docs.put(searchBuiltKey(tenantId), { at: this.docs.clock().toISOString() });
    this.searchBuilt.add(tenantId);
  }

  /**
   * The tenant's registered deals a search asks for, newest first, from the search index: the smallest
   * document among the typed words' (and a typed reference's), filtered by the names its entries carry,
   * then at most twice `keep` deals read and checked. Undefined when no word typed can answer alone (none
   * long enough, or each shared by too many deals): the caller reads the tenant instead.
   */
  async searchRegistered(tenantId: string, search: DealSearch, keep: number): Promise<Deal[] | undefined> {
    const { names, ref } = searchTokensFor(search);
    const tokens = [...names, ...(ref ? [ref] : [])];
    if (tokens.length === 0 || !(await this.searchIndexBuilt(tenantId))) return undefined;
    const shards = await this.indexes.entriesOf(tokens.flatMap((token) => searchKeys(tenantId, token)));
    // A word's shards together; a word with any shard full answers nothing alone.
    const docs = tokens.map((_, i) => {
      const own = shards.slice(i * SEARCH_SHARDS, (i + 1) * SEARCH_SHARDS);
      return own.some((entries) => entries[0]?.id === FULL) ? [{ id: FULL, at: '', version: 0 }] : own.flat();
    });
    const usable = (entries: IndexEntry[]) => entries[0]?.id !== FULL;
    const byName = docs.slice(0, names.length).filter(usable);
    const byRef = ref ? docs[names.length]! : [];
    if (byName.length === 0 && (!ref || !usable(byRef))) return undefined;
    const smallest = byName.reduce<IndexEntry[] | undefined>((min, e) => (!min || e.length < min.length ? e : min), undefined) ?? [];
    const candidates = new Map<string, IndexEntry>();
    for (const entry of [...smallest, ...(usable(byRef) ? byRef : [])]) {
      if (entryMayMatch(entry, search) && !candidates.has(entry.id)) candidates.set(entry.id, entry);
    }
    // Entries are ordered by when they were listed; the deals read are ordered by their last change. A
    // status asked for is only known from the deal, so then every candidate is read (at most the cap).
    const sorted = [...candidates.values()].sort((a, b) => b.at.localeCompare(a.at));
    const newest = search.statuses.length > 0 ? sorted : sorted.slice(0, 2 * keep);
    const matches = new NewestMatches(search, keep);
    matches.offer(
      (
        await this.getMany(
          tenantId,
          newest.map((e) => e.id),
        )
      ).filter((d): d is Deal => searchable(d)),
    );
    return matches.newest();
  }
}

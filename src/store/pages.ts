import { Deal } from '../domain/deal.js';
import type { Status } from '../domain/status.js';
import type { Documents } from './documents.js';
import type { IndexEntry, Indexes } from './indexes.js';
import { dealKey } from './keys.js';

/** A position in an owner's list: the last change and id of a deal shown at a page's edge. */
export interface PageCursor {
  at: string;
  id: string;
}

/** An index to page through, and the status its deals must have to be shown from it. */
export interface PageSource {
  key: string;
  status: Status;
}

export interface PageQuery {
  sources: readonly PageSource[];
  /** Whose deals these may be: the owner's own, or any in the tenant (the deal desk's queue). */
  belongs: (deal: Deal) => boolean;
  /** Deals changed before this one (Next), or after it (Previous); neither: the newest. */
  older?: PageCursor;
  newer?: PageCursor;
  limit: number;
}

export interface DealPage {
  deals: Deal[];
  hasOlder: boolean;
  hasNewer: boolean;
  /** The newest change in the page's indexes: a card compares it to tell whether its list went stale. */
  latestChange?: string;
  /** Where the next (older) page starts: the index position of the last deal shown, not its updatedAt. */
  olderCursor?: PageCursor;
}

type Tagged = IndexEntry & { source: PageSource };
const order = (e: PageCursor) => `${e.at}|${e.id}`;
const byNewest = (a: Tagged, b: Tagged) => (order(a) < order(b) ? 1 : order(a) > order(b) ? -1 : 0);

/** A phantom index entry with no deal at all is left alone this long: its deal may be being written. */
const IN_FLIGHT_MS = 60_000;

/**
 * One page of deals from one or more indexes: one multi-read of the indexes and one getMany per page,
 * whatever the size of the store. Entries no deal confirms are skipped, so a page never shows a
 * phantom, and removed.
 */
export async function readPage(docs: Documents, indexes: Indexes, tenantId: string, query: PageQuery): Promise<DealPage> {
  const now = docs.clock().getTime();
  const perSource = await indexes.entriesOf(query.sources.map((s) => s.key));
  const all = perSource.flatMap((entries, i) => entries.map((e): Tagged => ({ ...e, source: query.sources[i]! }))).sort(byNewest);
  let candidates = all;
  if (query.older) candidates = all.filter((e) => order(e) < order(query.older!));
  if (query.newer) candidates = all.filter((e) => order(e) > order(query.newer!)).reverse(); // nearest first

  const shown: { entry: Tagged; deal: Deal }[] = [];
  const stale: Tagged[] = [];
  for (let i = 0; i < candidates.length && shown.length < query.limit; i += query.limit) {
    const batch = candidates.slice(i, i + query.limit);
    const docsFound = await docs.readMany<unknown>(batch.map((e) => dealKey(tenantId, e.id)));
    batch.forEach((entry, j) => {
      const found = docsFound[j];
      const deal = found ? Deal.parse(found.value) : undefined;
      if (deal && deal.status === entry.source.status && query.belongs(deal)) {
        if (shown.length < query.limit) shown.push({ entry, deal });
      } else if (deal ? deal.version > entry.version : now - Date.parse(entry.at) > IN_FLIGHT_MS) {
        stale.push(entry);
      }
    });
  }
  if (query.newer) shown.reverse();
  await Promise.all(
    query.sources.map((source) =>
      indexes.dropStale(
        source.key,
        stale.filter((e) => e.source === source),
      ),
    ),
  );
  const first = shown[0]?.entry;
  const last = shown.at(-1)?.entry;
  return {
    deals: shown.map((s) => s.deal),
    hasNewer: first ? all.some((e) => order(e) > order(first)) : Boolean(query.older),
    hasOlder: last ? all.some((e) => order(e) < order(last)) : Boolean(query.newer),
    latestChange: all[0]?.at,
    olderCursor: last ? { at: last.at, id: last.id } : undefined,
  };
}

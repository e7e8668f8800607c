import { z } from 'zod';
import { type Documents, StoreContentionError } from './documents.js';
import { afterConflict } from './retry.js';

/** A listed deal: its id, when it was listed (its last change), its version; the search index adds its comparable name. */
export const IndexEntry = z.object({ id: z.string(), at: z.string(), version: z.number(), n: z.string().optional() });
export type IndexEntry = z.infer<typeof IndexEntry>;
const IndexDoc = z.array(IndexEntry);

const MAX_ATTEMPTS = 40;

/** One change to one index document. */
export interface IndexChange {
  key: string;
  change: (entries: IndexEntry[]) => IndexEntry[];
}

export const upserting = (entry: IndexEntry) => (entries: IndexEntry[]) => [entry, ...entries.filter((e) => e.id !== entry.id)];
export const adding = (entry: IndexEntry) => (entries: IndexEntry[]) =>
  entries.some((e) => e.id === entry.id) ? entries : [entry, ...entries];
/**
 * An index that stops listing once it holds `cap` entries: it becomes a single FULL mark, which readers
 * take as "this word answers nothing alone". A word most names share ("AB", "Oy", "Ltd") would otherwise be
 * one huge document rewritten on every registration.
 */
export const FULL = '*';
export const addingCapped = (entry: IndexEntry, cap: number) => (entries: IndexEntry[]) =>
  entries[0]?.id === FULL
    ? entries
    : entries.length >= cap && !entries.some((e) => e.id === entry.id)
      ? [{ id: FULL, at: entry.at, version: 0 }]
      : upserting(entry)(entries);
export const dropping =
  (dealId: string, version = Number.POSITIVE_INFINITY) =>
  (entries: IndexEntry[]) =>
    entries.filter((e) => e.id !== dealId || e.version > version);

/**
 * Small documents listing deal ids, newest change first (a seller's deals by status, the tenant's queue).
 * Written before the deal as intents, so a crash between the two leaves a phantom entry (which readers
 * skip and clean up) rather than a missing one.
 */
export class Indexes {
  constructor(private readonly docs: Documents) {}

  private async modify(key: string, change: (entries: IndexEntry[]) => IndexEntry[]): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.docs.read<unknown>(key);
      const entries = current ? IndexDoc.parse(current.value) : [];
      const next = change(entries);
      if (current && next.length === entries.length && next.every((e, i) => e === entries[i])) return;
      if (await this.write(key, current?.token, next)) return;
      await afterConflict(attempt);
    }
    // The store is too busy for this write to get through: the caller is told to try again.
    throw new StoreContentionError(key);
  }

  /**
   * Several index changes: the documents read in one round trip, then each written by compare-and-set;
   * one that meets a conflict is retried on its own. A deal's change touches up to four indexes, so this
   * saves a read per index on every change of status.
   */
  async apply(changes: readonly IndexChange[]): Promise<void> {
    if (changes.length <= 1) {
      for (const c of changes) await this.modify(c.key, c.change);
      return;
    }
    const found = await this.docs.readMany<unknown>(changes.map((c) => c.key));
    await Promise.all(
      changes.map(async ({ key, change }, i) => {
        const current = found[i];
        const entries = current ? IndexDoc.parse(current.value) : [];
        const next = change(entries);
        if (current && next.length === entries.length && next.every((e, j) => e === entries[j])) return;
        if (!(await this.write(key, current?.token, next))) await this.modify(key, change);
      }),
    );
  }

  /**
   * Writes an index document by compare-and-set; an index left empty is deleted, so no key outlives what
   * it lists (an owner's lists name the owner: after an erasure, nothing may keep the id).
   */
  private write(key: string, token: string | undefined, next: IndexEntry[]): Promise<boolean> {
    if (token === undefined) return next.length === 0 ? Promise.resolve(true) : this.docs.insert(key, next);
    return next.length === 0 ? this.docs.removeIf(key, token) : this.docs.swap(key, token, next);
  }

  /** Puts the deal at the head of the index. */
  upsert(key: string, entry: IndexEntry): Promise<void> {
    return this.modify(key, upserting(entry));
  }

  /** Adds the entry unless the index has one with its id already (then nothing is written). */
  add(key: string, entry: IndexEntry): Promise<void> {
    return this.modify(key, adding(entry));
  }

  /**
   * Removes the deal from an index it has left; only after the deal itself was written, and only an entry
   * no newer than `version`: a concurrent change may already have put it back, for a newer version.
   */
  drop(key: string, dealId: string, version = Number.POSITIVE_INFINITY): Promise<void> {
    return this.modify(key, dropping(dealId, version));
  }

  /**
   * Removes entries a reader found no deal to confirm, but only the very entries it saw (same id and
   * version): an entry rewritten since belongs to a newer change and stays.
   */
  dropStale(key: string, stale: readonly IndexEntry[]): Promise<void> {
    if (stale.length === 0) return Promise.resolve();
    const gone = new Set(stale.map((e) => `${e.id}@${e.version}`));
    return this.modify(key, (entries) => entries.filter((e) => !gone.has(`${e.id}@${e.version}`)));
  }

  async entries(key: string): Promise<IndexEntry[]> {
    const found = await this.docs.read<unknown>(key);
    return found ? IndexDoc.parse(found.value) : [];
  }

  /** Several indexes in one round trip. */
  async entriesOf(keys: readonly string[]): Promise<IndexEntry[][]> {
    const found = await this.docs.readMany<unknown>(keys);
    return found.map((f) => (f ? IndexDoc.parse(f.value) : []));
  }
}

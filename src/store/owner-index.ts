import { z } from 'zod';
import type { Status } from '../domain/status.js';
import type { Documents } from './documents.js';
import { ownerIndexKey } from './keys.js';

export const IndexEntry = z.object({ id: z.string(), at: z.string(), version: z.number() });
export type IndexEntry = z.infer<typeof IndexEntry>;
const OwnerIndex = z.array(IndexEntry);

const MAX_ATTEMPTS = 20;

/**
 * One seller's deals in one status, newest change first. Written before the deal as an intent, so a
 * crash between the two leaves a phantom entry (which readers skip and clean up) rather than a missing one.
 */
export class OwnerIndexes {
  constructor(private readonly docs: Documents) {}

  private async modify(key: string, change: (entries: IndexEntry[]) => IndexEntry[]): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.docs.read<unknown>(key);
      const entries = current ? OwnerIndex.parse(current.value) : [];
      const next = change(entries);
      if (current && next.length === entries.length && next.every((e, i) => e === entries[i])) return;
      const written = current ? await this.docs.swap(key, current.token, next) : await this.docs.insert(key, next);
      if (written) return;
    }
    throw new Error(`owner index ${key} kept changing under ${MAX_ATTEMPTS} attempts`);
  }

  /** Puts the deal at the head of its status's index. */
  upsert(tenantId: string, ownerId: string, status: Status, entry: IndexEntry): Promise<void> {
    return this.modify(ownerIndexKey(tenantId, ownerId, status), (entries) => [
      entry,
      ...entries.filter((e) => e.id !== entry.id),
    ]);
  }

  /** Removes the deal from an index it has left; only after the deal itself was written. */
  drop(tenantId: string, ownerId: string, status: Status, dealId: string): Promise<void> {
    return this.modify(ownerIndexKey(tenantId, ownerId, status), (entries) => entries.filter((e) => e.id !== dealId));
  }

  /**
   * Removes entries a reader found no deal to confirm, but only the very entries it saw (same id and
   * version): an entry rewritten since belongs to a newer change and stays.
   */
  dropStale(tenantId: string, ownerId: string, status: Status, stale: readonly IndexEntry[]): Promise<void> {
    if (stale.length === 0) return Promise.resolve();
    const gone = new Set(stale.map((e) => `${e.id}@${e.version}`));
    return this.modify(ownerIndexKey(tenantId, ownerId, status), (entries) =>
      entries.filter((e) => !gone.has(`${e.id}@${e.version}`)),
    );
  }

  async entries(tenantId: string, ownerId: string, status: Status): Promise<IndexEntry[]> {
    const found = await this.docs.read<unknown>(ownerIndexKey(tenantId, ownerId, status));
    return found ? OwnerIndex.parse(found.value) : [];
  }
}

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Deal } from '../domain/deal.js';
import { DealRepository } from './deal-repository.js';
import type { Documents, StoredRow } from './documents.js';
import { EXPIRING_PREFIXES, INSTANCE_PREFIX } from './keys.js';
import { recordKindOf, upgraded } from './schema-versions.js';

/**
 * Moving a store's documents elsewhere (another backend, a backup file) and proving they arrived. Records
 * move as they are stored; the derived indexes (lists of deal ids) are rebuilt from the deals on the
 * target rather than copied, and short-lived keys (handled activities, pacing, failed keys, running
 * instances) are left behind.
 */

const DERIVED_PREFIXES = ['owner/', 'queue/', 'dup/', 'pending/', 'waiting/', 'desk-waiting/', 'search/', 'search-built/'];
const DERIVED_KEYS = ['tenants'];
/**
 * Marks a target a copy or restore is filling, and names its source: running the same one again after a
 * stop carries on; another source is refused; a bot started on it answers /readyz 503 until it is finished.
 */
export const TRANSFER_MARKER = 'meta/transfer-in-progress';
export const TransferMarker = z.object({ startedAt: z.string(), source: z.string().optional() });
export type TransferMarker = z.infer<typeof TransferMarker>;

/** The unfinished transfer a store holds, if any (a marker this release cannot read counts as one from nowhere). */
export async function unfinishedTransfer(docs: Documents): Promise<TransferMarker | undefined> {
  const found = await docs.read<unknown>(TRANSFER_MARKER);
  if (!found) return undefined;
  const marker = TransferMarker.safeParse(found.value);
  return marker.success ? marker.data : { startedAt: 'unknown' };
}

export type RowClass = 'record' | 'derived' | 'transient' | 'marker';

export function classOf(key: string): RowClass {
  if (key === TRANSFER_MARKER) return 'marker';
  if (DERIVED_KEYS.includes(key) || DERIVED_PREFIXES.some((p) => key.startsWith(p))) return 'derived';
  if (EXPIRING_PREFIXES.some((p) => key.startsWith(p))) return 'transient';
  return 'record'; // a record kind, or a document this version does not know: moved as it is
}

/** What the verification compares: deals per tenant and status, and a hash of each deal's content. */
export interface StoreSummary {
  /** "tenant status" → number of deals. */
  counts: Map<string, number>;
  /** deal key → sha256 of the deal as read (in the current shape, keys sorted). */
  hashes: Map<string, string>;
  records: number;
}

export const emptySummary = (): StoreSummary => ({ counts: new Map(), hashes: new Map(), records: 0 });

/** JSON with object keys sorted, so equal content hashes alike whatever order a backend kept. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The value a row holds (keyv's row: { value, expires }). */
export function storedValue(row: StoredRow): unknown {
  return (JSON.parse(row.raw) as { value?: unknown }).value;
}

/** Adds one row to a summary: deals are counted by tenant and status and hashed. */
export function summarize(summary: StoreSummary, row: StoredRow): void {
  if (classOf(row.key) !== 'record') return;
  summary.records++;
  if (recordKindOf(row.key) !== 'deal') return;
  const deal = Deal.parse(upgraded('deal', storedValue(row)));
  const group = `${deal.tenantId} ${deal.status}`;
  summary.counts.set(group, (summary.counts.get(group) ?? 0) + 1);
  summary.hashes.set(row.key, createHash('sha256').update(canonical(deal)).digest('hex'));
}

/** A store's summary, read through its own scan. */
export async function summaryOf(docs: Documents): Promise<StoreSummary> {
  const summary = emptySummary();
  for await (const page of docs.scan()) for (const row of page) summarize(summary, row);
  return summary;
}

/** What differs between what was sent and what arrived, in words; empty when they match. */
export function differences(expected: StoreSummary, actual: StoreSummary): string[] {
  const found: string[] = [];
  for (const group of new Set([...expected.counts.keys(), ...actual.counts.keys()])) {
    const [tenant, status] = group.split(' ');
    const want = expected.counts.get(group) ?? 0;
    const got = actual.counts.get(group) ?? 0;
    if (want !== got) found.push(`tenant ${tenant}, ${status}: ${want} deals expected, ${got} found`);
  }
  for (const [key, hash] of expected.hashes) {
    const other = actual.hashes.get(key);
    if (other === undefined) found.push(`${key}: missing`);
    else if (other !== hash) found.push(`${key}: content differs`);
  }
  for (const key of actual.hashes.keys()) if (!expected.hashes.has(key)) found.push(`${key}: not in the source`);
  return found;
}

/** Whether a store holds anything a transfer would overwrite (a marker of an unfinished one does not count). */
export async function holdsData(docs: Documents): Promise<boolean> {
  for await (const page of docs.scan(100)) {
    if (page.some((row) => classOf(row.key) === 'record' || classOf(row.key) === 'derived')) return true;
  }
  return false;
}

/** Running instances of the bot on a store, by the heartbeat each writes (host:pid), if any. */
export async function runningInstances(docs: Documents): Promise<string[]> {
  const found: string[] = [];
  for await (const page of docs.scan(200)) {
    for (const row of page) if (row.key.startsWith(INSTANCE_PREFIX)) found.push(row.key.slice(INSTANCE_PREFIX.length));
  }
  return found.map(decodeURIComponent);
}

export type TransferProgress = (moved: number) => void;

/**
 * Writes the records of `rows` into `target` (as stored: their shape, version and expiry), then rebuilds
 * the derived indexes from the deals, and summarizes what was sent. Writing the same rows again is
 * harmless, so a transfer stopped half way is run again from the start.
 */
export async function transfer(
  rows: AsyncIterable<StoredRow[]>,
  target: Documents,
  progress: TransferProgress,
  source: string,
): Promise<StoreSummary> {
  await markTransfer(target, source);
  const sent = emptySummary();
  const deals = new DealRepository(target);
  let moved = 0;
  const tenants = new Set<string>();
  for await (const page of rows) {
    const records = page.filter((row) => classOf(row.key) === 'record');
    await Promise.all(records.map((row) => target.putRaw(row)));
    for (const row of records) {
      summarize(sent, row);
      if (recordKindOf(row.key) === 'deal') {
        const deal = Deal.parse(upgraded('deal', storedValue(row)));
        await deals.reindex(deal);
        tenants.add(deal.tenantId);
      }
      if (++moved % 1000 === 0) progress(moved);
    }
  }
  // Every deal was listed in the search index as it was written (reindex): each tenant's is complete.
  for (const tenantId of tenants) await deals.markSearchIndexBuilt(tenantId);
  progress(moved);
  return sent;
}

/** The target is being filled from `source`: written first, before any record or any removal. */
export async function markTransfer(target: Documents, source: string): Promise<void> {
  const marker: TransferMarker = { startedAt: target.clock().toISOString(), source };
  await target.put(TRANSFER_MARKER, marker);
}

/**
 * Deletes everything a store holds but the marker (a restore with --force replaces, never merges). Run
 * after the marker is written, so a stop half way leaves a store marked unfinished, not one that looks whole.
 */
export async function emptyStore(target: Documents): Promise<number> {
  const removed = new Set<string>();
  for (;;) {
    const keys: string[] = [];
    for await (const page of target.scan(500)) {
      keys.push(...page.map((row) => row.key).filter((key) => key !== TRANSFER_MARKER));
      if (keys.length >= 5000) break;
    }
    if (keys.length === 0) return removed.size;
    const stuck = keys.find((key) => removed.has(key));
    if (stuck) throw new Error(`${stuck} was deleted but is still there`);
    for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((key) => target.remove(key)));
    for (const key of keys) removed.add(key);
  }
}

/** The transfer proved: the marker goes, so the target counts as a finished store. */
export async function finishTransfer(target: Documents): Promise<void> {
  await target.remove(TRANSFER_MARKER);
}

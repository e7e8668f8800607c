// A page of "My deals" with 1,000 and with 100,000 deals in the store (1,000 owners): the ratio of the
// two shows whether listing costs the page or the store. Target: 1.2 or less.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/clock.js';
import type { Deal } from '../src/domain/deal.js';
import { DealRepository } from '../src/store/deal-repository.js';
import type { Documents } from '../src/store/documents.js';
import { dealKey, ownerIndexKey } from '../src/store/keys.js';
import { openStore } from '../src/store/open.js';
import { openSqlite } from '../src/store/sqlite.js';
import { seededDeal } from '../test/support/seed.js';
import { type Latency, latencyOf, measure, timings } from './stats.js';

const TENANT = 'tenant-bench';
const OWNERS = 1000;
/** Owners whose pages are measured: the same ten, with the same 25 deals, in both stores. */
const PROBES = 10;
const PROBE_DEALS = 25;

/** Writes deals and their owners' indexes straight into the store: seeding is not what is measured. */
export async function fill(docs: Documents, total: number): Promise<void> {
  const byOwner = new Map<string, Deal[]>();
  const add = (owner: string, deal: Deal) => byOwner.set(owner, [...(byOwner.get(owner) ?? []), deal]);
  let made = 0;
  for (let p = 0; p < PROBES; p++) {
    for (let i = 0; i < PROBE_DEALS; i++, made++) {
      add(`probe-${p}`, seededDeal({ tenantId: TENANT, ownerId: `probe-${p}`, status: 'in_review', companyName: `C${i}`, minutesAgo: i }));
    }
  }
  for (let i = 0; made < total; i++, made++) {
    const owner = `owner-${i % (OWNERS - PROBES)}`;
    add(owner, seededDeal({ tenantId: TENANT, ownerId: owner, status: 'in_review', companyName: `C${i}`, minutesAgo: i % 5000 }));
  }
  const writes: Promise<void>[] = [];
  for (const [owner, deals] of byOwner) {
    for (const deal of deals) writes.push(docs.put(dealKey(TENANT, deal.id), deal));
    const index = deals.map((d) => ({ id: d.id, at: d.updatedAt, version: d.version })).sort((a, b) => (a.at < b.at ? 1 : -1));
    writes.push(docs.put(ownerIndexKey(TENANT, owner, 'in_review'), index));
    if (writes.length > 2000) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
}

/** A fresh, empty store to fill; closes (and removes) it when done. */
export type StoreFactory = () => Promise<{ docs: Documents; dispose: () => Promise<void> }>;

export const sqliteStores: StoreFactory = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dealbot-bench-'));
  const docs = await openSqlite(`sqlite://${join(dir, 'bench.sqlite')}`, { clock: systemClock });
  return {
    docs,
    dispose: async () => {
      await docs.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** A server-backed store (Redis, PostgreSQL): a namespace of its own per fill, so runs never mix. */
export const serverStores =
  (url: string): StoreFactory =>
  async () => {
    // Filling writes 2,000 documents at once: the bot's 2 s store timeout is for a user's turn, not this.
    const docs = await openStore(url, { clock: systemClock, namespace: `bench-${randomUUID().slice(0, 8)}`, timeoutMs: 60_000 });
    return { docs, dispose: () => docs.close() };
  };

/** Rounds the reads are split into, alternating between the two stores. */
const ROUNDS = 10;

/**
 * Both stores are filled first, then read in alternating rounds: a burst of background work (a database
 * catching up after the fill, a neighbour on the machine) then falls on both sides, not on one.
 */
async function pageLatencies(stores: StoreFactory, sizes: readonly number[], reads: number): Promise<Latency[]> {
  const opened = await Promise.all(sizes.map(() => stores()));
  try {
    // Filled one after the other, then read: at 1,000,000 deals the small store's warm-up reads waited
    // behind the big one's writes past the store's timeout.
    for (const [i, { docs }] of opened.entries()) await fill(docs, sizes[i]!);
    const pageReaders = await Promise.all(
      opened.map(async ({ docs }) => {
        const repo = new DealRepository(docs);
        const page = (n: number) => repo.ownerPage(TENANT, `probe-${n % PROBES}`, ['in_review'], { limit: 5 });
        await measure(200, page); // warm-up
        return page;
      }),
    );
    const samples: number[][] = sizes.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, page] of pageReaders.entries()) samples[i]!.push(...(await timings(reads / ROUNDS, page)));
    }
    return samples.map(latencyOf);
  } finally {
    await Promise.all(opened.map(({ dispose }) => dispose()));
  }
}

export interface ListingResult {
  small: Latency;
  large: Latency;
  ratioP50: number;
  ratioP99: number;
  largeSize: number;
}

export async function benchListing(opts: { quick: boolean; full: boolean }, stores: StoreFactory = sqliteStores): Promise<ListingResult> {
  const reads = opts.quick ? 500 : 3000;
  const largeSize = opts.full ? 1_000_000 : opts.quick ? 20_000 : 100_000;
  const [small, large] = (await pageLatencies(stores, [1000, largeSize], reads)) as [Latency, Latency];
  return { small, large, ratioP50: large.p50 / small.p50, ratioP99: large.p99 / small.p99, largeSize };
}

// The compose box's deal search at scale, over HTTP as Teams sends it: a seller's search (their own deals)
// and a reviewer's (every deal of the tenant, through the search index), in a tenant of `deals` deals
// against a tenth as many (the baseline, in the same run). Neither should grow with the tenant. The
// reviewer's is also measured on each backend's store alone (benchIndexedSearch).
import { DealRepository } from '../src/store/deal-repository.js';
import type { IndexEntry } from '../src/store/indexes.js';
import { QUEUE_SHARDS } from '../src/store/keys.js';
import { BotUnderTest } from '../test/support/bot-under-test.js';
import { SellerClient } from '../test/support/seller-client.js';
import { type Shards, seedTenant } from './export.js';
import type { StoreFactory } from './list-pages.js';
import { type Latency, measure } from './stats.js';

const TENANT = 'tenant-contoso';
const REVIEWER = 'reviewer-1';

export interface SearchFigures {
  deals: number;
  baselineDeals: number;
  seller: { baseline: Latency; big: Latency };
  reviewer: { baseline: Latency; big: Latency };
}

/** Searches as Teams sends them, by customer name (each a different one) and, every fourth, empty (the newest). */
async function searches(client: SellerClient, count: number, deals: number): Promise<Latency> {
  return measure(count, async (i) => {
    // Numbers of three digits or more: "kund" is in every name, so the index answers through the number.
    const result = await client.search(i % 4 === 0 ? '' : `kund ${100 + ((i * 7919) % (deals - 100))}`);
    if (result.type !== 'result') throw new Error(`search answered ${JSON.stringify(result).slice(0, 200)}`);
  });
}

export async function benchSearch(deals: number, samples: number): Promise<SearchFigures> {
  const bot = await new BotUnderTest({ REVIEWERS: `${TENANT}:${REVIEWER}`, LOG_LEVEL: 'warn' }).start();
  try {
    // The seeded deals belong to owner-0 … owner-999; the seller is owner-7, with a thousandth of them.
    const seller = new SellerClient(bot, { tenantId: TENANT, aadObjectId: 'owner-7', userId: '29:owner-7' });
    const reviewer = new SellerClient(bot, { tenantId: TENANT, aadObjectId: REVIEWER, userId: `29:${REVIEWER}` });
    const baselineDeals = Math.max(1000, Math.round(deals / 10));
    const shards: Shards = Array.from({ length: QUEUE_SHARDS }, () => []);
    const owners = new Map<string, Shards[number]>();
    const index = new Map<string, IndexEntry[]>();
    await seedTenant(bot.bot.store, TENANT, baselineDeals, shards, owners, index);
    // Warm up first (JIT, the catalogue's cache, the store's connection), so the baseline is not the first calls.
    await searches(seller, 5, baselineDeals);
    await searches(reviewer, 5, baselineDeals);
    const baseline = { seller: await searches(seller, samples, baselineDeals), reviewer: await searches(reviewer, samples, baselineDeals) };
    await seedTenant(bot.bot.store, TENANT, deals - baselineDeals, shards, owners, index);
    const big = { seller: await searches(seller, samples, deals), reviewer: await searches(reviewer, samples, deals) };
    return {
      deals,
      baselineDeals,
      seller: { baseline: baseline.seller, big: big.seller },
      reviewer: { baseline: baseline.reviewer, big: big.reviewer },
    };
  } finally {
    await bot.stop();
  }
}

export interface IndexedSearchFigures {
  deals: number;
  baselineDeals: number;
  baseline: Latency;
  big: Latency;
}

/** A reviewer's search on one backend's store alone: by a customer name's number, and by a reference's start. */
export async function benchIndexedSearch(stores: StoreFactory, deals: number, samples: number): Promise<IndexedSearchFigures> {
  const { docs, dispose } = await stores();
  try {
    const repo = new DealRepository(docs);
    const baselineDeals = Math.round(deals / 10);
    const shards: Shards = Array.from({ length: QUEUE_SHARDS }, () => []);
    const index = new Map<string, IndexEntry[]>();
    const run = (n: number) =>
      measure(samples, async (i) => {
        // One customer's whole name (a name's number is also the start of ten larger ones), or a reference's start.
        const text = i % 3 === 0 ? `D-${((i * 40503) % 65536).toString(16).padStart(4, '0')}` : `kund ${100 + ((i * 7919) % (n - 100))} ab`;
        if (!(await repo.searchRegistered(TENANT, { text, statuses: [] }, 25))) throw new Error(`"${text}" did not use the index`);
      });
    await seedTenant(docs, TENANT, baselineDeals, shards, undefined, index);
    await run(baselineDeals); // warm-up
    const baseline = await run(baselineDeals);
    await seedTenant(docs, TENANT, deals - baselineDeals, shards, undefined, index);
    return { deals, baselineDeals, baseline, big: await run(deals) };
  } finally {
    await dispose();
  }
}

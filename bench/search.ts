// The compose box's deal search at scale, over HTTP as Teams sends it: a seller's search (their own deals)
// and a reviewer's (every deal of the tenant), in a tenant of `deals` deals against a tenth as many (the
// baseline, in the same run). A seller's search should not grow with the tenant; a reviewer's reads the
// tenant a batch at a time, so it grows with it, and its cost per deal should not.
import { QUEUE_SHARDS } from '../src/store/keys.js';
import { BotUnderTest } from '../test/support/bot-under-test.js';
import { SellerClient } from '../test/support/seller-client.js';
import { type Shards, seedTenant } from './export.js';
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
    const result = await client.search(i % 4 === 0 ? '' : `kund ${(i * 7919) % deals}`);
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
    await seedTenant(bot.bot.store, TENANT, baselineDeals, shards, owners);
    // Warm up first (JIT, the catalogue's cache, the store's connection), so the baseline is not the first calls.
    await searches(seller, 5, baselineDeals);
    await searches(reviewer, 5, baselineDeals);
    const baseline = { seller: await searches(seller, samples, baselineDeals), reviewer: await searches(reviewer, samples, baselineDeals) };
    await seedTenant(bot.bot.store, TENANT, deals - baselineDeals, shards, owners);
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

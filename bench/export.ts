// The CSV export at scale: rows per second, and the bot process's heap while it streams, for a tenant
// of `deals` deals against a tenth as many (the baseline, in the same run): flat memory reads as a ratio
// near 1. The deals and their queue index are written straight to the store (the wizard would take hours).
import { randomUUID } from 'node:crypto';
import { searchableName, searchTokensOf } from '../src/domain/deal-search.js';
import { MAX_SEARCH_ENTRIES } from '../src/store/deal-repository.js';
import type { Documents } from '../src/store/documents.js';
import { addingCapped, type IndexEntry } from '../src/store/indexes.js';
import {
  dealKey,
  ownerIndexKey,
  QUEUE_SHARDS,
  queueKey,
  queueShard,
  SEARCH_SHARDS,
  searchBuiltKey,
  searchKeyOf,
} from '../src/store/keys.js';
import { API_KEYS_ENV, KEYS } from '../test/support/api-client.js';
import { BotUnderTest } from '../test/support/bot-under-test.js';
import { seededDeal } from '../test/support/seed.js';

export interface ExportFigures {
  deals: number;
  rowsPerSecond: number;
  /** Heap above what it was before the export, at its highest while streaming (MiB). */
  peakHeapMiB: number;
  baselineDeals: number;
  baselinePeakHeapMiB: number;
}

export type Shards = { id: string; at: string; version: number }[][];

/**
 * Adds `count` approved deals to the tenant, and rewrites its queue index (kept in `shards`) to list all;
 * given `owners`, the owners' indexes too (a seller's own lists and search read those).
 */
export async function seedTenant(
  docs: Documents,
  tenantId: string,
  count: number,
  shards: Shards,
  owners?: Map<string, Shards[number]>,
  search?: Map<string, IndexEntry[]>,
): Promise<void> {
  for (let i = 0; i < count; i += 500) {
    const batch = Array.from({ length: Math.min(500, count - i) }, (_, j) => ({
      ...seededDeal({
        tenantId,
        ownerId: `owner-${(i + j) % 1000}`,
        status: 'approved',
        companyName: `Kund ${i + j} AB`,
        minutesAgo: i + j,
      }),
      id: randomUUID(),
    }));
    await Promise.all(batch.map((d) => docs.put(dealKey(tenantId, d.id), d)));
    for (const d of batch) {
      const entry = { id: d.id, at: d.updatedAt, version: d.version };
      shards[queueShard(d.id)]!.push(entry);
      if (owners) owners.set(d.ownerId, [...(owners.get(d.ownerId) ?? []), entry]);
      for (const token of search ? searchTokensOf(d) : []) {
        const key = searchKeyOf(tenantId, token, d.id);
        search!.set(key, addingCapped({ ...entry, n: searchableName(d) }, MAX_SEARCH_ENTRIES / SEARCH_SHARDS)(search!.get(key) ?? []));
      }
    }
  }
  if (search) {
    const tokens = [...search];
    for (let i = 0; i < tokens.length; i += 500) {
      await Promise.all(tokens.slice(i, i + 500).map(([key, entries]) => docs.put(key, entries)));
    }
    await docs.put(searchBuiltKey(tenantId), { at: new Date().toISOString() });
  }
  await Promise.all(shards.map((entries, shard) => docs.put(queueKey(tenantId, 'approved', shard), entries)));
  if (owners) await Promise.all([...owners].map(([owner, entries]) => docs.put(ownerIndexKey(tenantId, owner, 'approved'), entries)));
}

/**
 * One export over HTTP, the body read and dropped; the heap measured every 100 ms meanwhile, after a full
 * collection where the bench runs with --expose-gc (so the figure is what is held, not garbage yet to go).
 */
async function measureExport(bot: BotUnderTest, tenantKey: string): Promise<{ rows: number; ms: number; peakMiB: number }> {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => {
    global.gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 100);
  const started = performance.now();
  const res = await fetch(`${bot.url}/api/v1/deals/export`, { headers: { authorization: `Bearer ${tenantKey}` } });
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) for (const byte of chunk) if (byte === 10) lines++;
  const ms = performance.now() - started;
  clearInterval(sampler);
  return { rows: lines - 1, ms, peakMiB: (peak - before) / 2 ** 20 };
}

export async function benchExport(deals: number): Promise<ExportFigures> {
  const bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV, LOG_LEVEL: 'warn' }).start();
  try {
    const baselineDeals = Math.max(1000, Math.round(deals / 10));
    // The reviewer key belongs to tenant-contoso: the baseline is measured first, then the tenant grows.
    const shards: Shards = Array.from({ length: QUEUE_SHARDS }, () => []);
    await seedTenant(bot.bot.store, 'tenant-contoso', baselineDeals, shards);
    const baseline = await measureExport(bot, KEYS.reviewer);
    await seedTenant(bot.bot.store, 'tenant-contoso', deals - baselineDeals, shards);
    const big = await measureExport(bot, KEYS.reviewer);
    return {
      deals: big.rows,
      rowsPerSecond: big.rows / (big.ms / 1000),
      peakHeapMiB: big.peakMiB,
      baselineDeals: baseline.rows,
      baselinePeakHeapMiB: baseline.peakMiB,
    };
  } finally {
    await bot.stop();
  }
}

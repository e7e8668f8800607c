// The cost of safety: a deal written the way the product writes it (read, compare-and-set, the indexes
// it moves in) against a plain keyv set of the same document on the same backend, with 16 writers at once,
// each on a deal of its own (no conflicts: what is measured is the price of the check, not of losing it).
import type { Deal } from '../src/domain/deal.js';
import { DealRepository } from '../src/store/deal-repository.js';
import { dealKey } from '../src/store/keys.js';
import { seededDeal } from '../test/support/seed.js';
import type { StoreFactory } from './list-pages.js';

const WRITERS = 16;
const TENANT = 'tenant-bench';

export interface StoreWriteFigures {
  plainSetsPerSecond: number;
  compareAndSetsPerSecond: number;
  dealWritesPerSecond: number;
  /** Deal writes against plain sets. */
  ratio: number;
}

/** Operations per second: WRITERS loops, each on its own deal, for `seconds`. */
async function rate(seconds: number, write: (writer: number) => Promise<unknown>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      while (performance.now() < until) {
        await write(writer);
        done++;
      }
    }),
  );
  return done / seconds;
}

export async function benchStoreWrites(stores: StoreFactory, seconds: number): Promise<StoreWriteFigures> {
  const { docs, dispose } = await stores();
  try {
    const repo = new DealRepository(docs);
    const deals: Deal[] = [];
    for (let i = 0; i < WRITERS; i++) {
      const deal = seededDeal({ tenantId: TENANT, ownerId: `owner-${i}`, status: 'in_review', companyName: `C${i}`, minutesAgo: 0 });
      await repo.create(deal);
      deals.push(deal);
    }
    const key = (writer: number) => dealKey(TENANT, deals[writer]!.id);
    const plainSet = (writer: number) => docs.put(key(writer), deals[writer]);
    const compareAndSet = async (writer: number) => {
      const found = await docs.read<Deal>(key(writer));
      if (!found || !(await docs.swap(key(writer), found.token, { ...found.value, version: found.value.version + 1 }))) {
        throw new Error('a compare-and-set without rivals failed');
      }
    };
    // What an edit does: the deal moves in its owner's list (updatedAt), with its version checked.
    const dealWrite = (writer: number) =>
      repo.update(TENANT, deals[writer]!.id, (d) => ({
        deal: { ...d, version: d.version + 1, updatedAt: new Date().toISOString() },
        result: undefined,
      }));
    await rate(0.5, plainSet); // warm-up
    await rate(0.5, dealWrite);
    const plainSetsPerSecond = await rate(seconds, plainSet);
    const compareAndSetsPerSecond = await rate(seconds, compareAndSet);
    const dealWritesPerSecond = await rate(seconds, dealWrite);
    return { plainSetsPerSecond, compareAndSetsPerSecond, dealWritesPerSecond, ratio: dealWritesPerSecond / plainSetsPerSecond };
  } finally {
    await dispose();
  }
}

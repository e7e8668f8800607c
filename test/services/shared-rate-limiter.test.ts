import assert from 'node:assert/strict';
import { systemClock } from '../../src/clock.js';
import { RateLimiter } from '../../src/services/rate-limiter.js';
import { paceKey } from '../../src/store/keys.js';
import { SharedRateLimiter } from '../../src/store/shared-rate-limiter.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { tempStoreUrl } from '../support/temp-store.js';

const LIMIT = { count: 10, windowMs: 300 };

/** The most slots taken in any window of `windowMs` (a sliding window, as Teams counts). */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (const [i, t] of sorted.entries()) most = Math.max(most, sorted.filter((u, j) => j >= i && u < t + windowMs).length);
  return most;
}

/** Two "instances" (own limiter, own store connection) taking slots under one key at once. */
async function twoInstancesTake(make: (i: number) => Promise<{ acquire: RateLimiter['acquire'] }>, each: number): Promise<number[]> {
  const instances = await Promise.all([make(0), make(1)]);
  const taken: number[] = [];
  await Promise.all(
    instances.map(async (limiter) => {
      for (let n = 0; n < each; n++) {
        const leaving = await limiter.acquire([{ key: 'tenant:t1', limits: [LIMIT] }]);
        taken.push(Date.now());
        leaving();
      }
    }),
  );
  return taken;
}

describe('the shared rate limiter', () => {
  it('keeps two instances on one store within one limit together', async () => {
    const url = tempStoreUrl();
    const stores = [await openSqlite(url, { clock: systemClock }), await openSqlite(url, { clock: systemClock })];
    try {
      const taken = await twoInstancesTake(async (i) => new SharedRateLimiter(stores[i]!, systemClock), 20);
      assert.equal(taken.length, 40);
      assert.ok(busiestWindow(taken, LIMIT.windowMs) <= LIMIT.count, `busiest window: ${busiestWindow(taken, LIMIT.windowMs)}`);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('(the check above fails for limiters that count apart)', async () => {
    const taken = await twoInstancesTake(async () => new RateLimiter(systemClock), 20);
    assert.ok(busiestWindow(taken, LIMIT.windowMs) > LIMIT.count);
  });

  it('gives up waiting, having counted nothing, when aborted', async () => {
    const store = await openSqlite(tempStoreUrl(), { clock: systemClock });
    try {
      const limiter = new SharedRateLimiter(store, systemClock);
      const key = [{ key: 'c', limits: [{ count: 1, windowMs: 60_000 }] }];
      await limiter.acquire(key);
      const halt = new AbortController();
      const waiting = limiter.acquire(key, halt.signal);
      halt.abort();
      await assert.rejects(waiting);
      const counted = (await store.read<number[]>(paceKey('c')))?.value;
      assert.equal(counted?.length, 1, 'only the slot that was taken is counted');
    } finally {
      await store.close();
    }
  });
});

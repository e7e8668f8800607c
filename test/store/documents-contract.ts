import assert from 'node:assert/strict';
import type { Clock } from '../../src/clock.js';
import type { Documents } from '../../src/store/documents.js';
import { TestClock } from '../support/clock.js';

/**
 * What every backend must do; each runs the same suite. Each test's store reads a clock the test moves on,
 * so a time to live runs out without a sleep (where the engine also expires keys itself, Redis, the key
 * reads as gone by its envelope, as the bot would read it, until the engine drops it).
 */
export function documentsContract(name: string, open: (clock: Clock) => Promise<Documents>): void {
  describe(`the store contract on ${name}`, () => {
    let docs: Documents;
    let clock: TestClock;
    beforeEach(async () => {
      clock = new TestClock();
      docs = await open(clock.now);
    });
    afterEach(async () => docs.close());

    it('reads back what it wrote, and nothing for a missing key', async () => {
      await docs.put('a', { n: 1, text: 'Ünïcødé ${x}' });
      assert.deepEqual((await docs.read('a'))?.value, { n: 1, text: 'Ünïcødé ${x}' });
      assert.equal(await docs.read('missing'), undefined);
    });

    it('inserts only where nothing is', async () => {
      assert.equal(await docs.insert('k', 1), true);
      assert.equal(await docs.insert('k', 2), false);
      assert.equal((await docs.read('k'))?.value, 1);
    });

    it('swaps only from the version that was read', async () => {
      await docs.insert('k', { v: 1 });
      const first = (await docs.read('k'))!;
      assert.equal(await docs.swap('k', first.token, { v: 2 }), true);
      assert.equal(await docs.swap('k', first.token, { v: 3 }), false, 'a stale token loses');
      assert.deepEqual((await docs.read('k'))?.value, { v: 2 });
      assert.equal(await docs.swap('nothing-here', first.token, { v: 9 }), false);
    });

    it('reads many keys at once, in order, with gaps', async () => {
      await docs.put('x1', 'one');
      await docs.put('x3', 'three');
      const found = await docs.readMany(['x1', 'x2', 'x3']);
      assert.deepEqual(
        found.map((f) => f?.value),
        ['one', undefined, 'three'],
      );
      assert.deepEqual(await docs.readMany([]), []);
    });

    it('lets a key with a time to live be taken again once it expires', async () => {
      assert.equal(await docs.insert('seen', 1, 300), true);
      assert.equal(await docs.insert('seen', 2, 300), false);
      clock.advance(400);
      assert.equal(await docs.read('seen'), undefined);
      assert.equal(await docs.insert('seen', 3, 1000), true);
    });

    it('deletes conditionally, only what was read', async () => {
      await docs.insert('d', 1);
      const read = (await docs.read('d'))!;
      await docs.put('d', 2);
      assert.equal(await docs.removeIf('d', read.token), false, 'changed since it was read');
      const again = (await docs.read('d'))!;
      assert.equal(await docs.removeIf('d', again.token), true);
      assert.equal(await docs.read('d'), undefined);
    });

    it('removes a key', async () => {
      await docs.put('gone', 1);
      await docs.remove('gone');
      assert.equal(await docs.read('gone'), undefined);
    });

    it('lets exactly one of many concurrent swaps from one version win', async () => {
      await docs.insert('race', 0);
      const seen = (await docs.read('race'))!;
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => docs.swap('race', seen.token, i + 1)));
      assert.equal(results.filter(Boolean).length, 1);
    });

    it('answers a ping', async () => {
      await docs.ping();
    });

    it('stores keys longer than any backend allows, each under its own row', async () => {
      const long = (end: string) => `referral/tenant/${encodeURIComponent('ü'.repeat(200))}${end}`;
      assert.ok(long('a').length > 1024);
      await docs.put(long('a'), 'first');
      assert.equal(await docs.insert(long('b'), 'second'), true);
      assert.equal((await docs.read(long('a')))?.value, 'first');
      assert.equal((await docs.read(long('b')))?.value, 'second');
      const read = (await docs.read(long('a')))!;
      assert.equal(await docs.swap(long('a'), read.token, 'changed'), true);
      assert.deepEqual(
        (await docs.readMany([long('a'), long('b')])).map((r) => r?.value),
        ['changed', 'second'],
      );
    });

    it('keeps a time to live through a compare-and-swap, and sweeps expired keys under a prefix', async () => {
      await docs.insert('ttl/a', 1, 60_000);
      const read = (await docs.read('ttl/a'))!;
      assert.equal(await docs.swap('ttl/a', read.token, 2, 200), true);
      await docs.insert('ttl/b', 1, 200);
      await docs.put('ttl-not/c', 1, 200);
      await docs.put('ttl/kept', 1);
      clock.advance(300);
      assert.equal(await docs.read('ttl/a'), undefined);
      const swept = await docs.sweepExpired('ttl/');
      assert.ok(swept === 0 || swept === 2, `swept ${swept}: both (or none where the engine expires keys itself)`);
      assert.equal((await docs.read('ttl/kept'))?.value, 1, 'a key without a time to live stays');
      assert.equal(await docs.insert('ttl/b', 3), true, 'an expired key can be taken again');
    });
  });
}

import assert from 'node:assert/strict';
import { memoryStore, type Stall } from '../support/memory-store.js';
import { documentsContract } from './documents-contract.js';

// The tests' in-memory store keeps the same contract as the product's backends.
documentsContract('memory (tests only)', async (clock) => memoryStore(clock));

describe('a backend that stops answering', () => {
  it('is waited for once: the calls after a timeout fail at once, one probe at a time, until it answers', async () => {
    const stall: Stall = { stalled: false, reads: 0 };
    // The store's own clock decides when to probe: this test moves it, so a busy machine changes nothing.
    let now = Date.parse('2026-12-07T10:00:00Z');
    const docs = memoryStore(() => new Date(now), { stall, timeoutMs: 200 });
    await docs.put('k', 1);
    stall.stalled = true;
    await assert.rejects(docs.read('k'), { name: 'StoreUnavailableError' });
    assert.equal(stall.reads, 1);
    // A request's next calls (and everyone else's) are not sent to the stalled backend to wait again.
    for (let i = 0; i < 5; i++) await assert.rejects(docs.read('k'), /not answering in time/);
    assert.equal(stall.reads, 1, 'none reached the backend');
    // A moment later one call probes it; once it answers, every call goes through again.
    stall.stalled = false;
    now += 600;
    assert.equal((await docs.read('k'))?.value, 1);
    assert.equal((await docs.read('k'))?.value, 1);
    assert.equal(stall.reads, 3);
  });
});

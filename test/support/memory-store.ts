import { Keyv } from 'keyv';
import { type Clock, systemClock } from '../../src/clock.js';
import type { Documents } from '../../src/store/documents.js';
import { type AtomicWrites, KeyvDocuments } from '../../src/store/keyv-documents.js';

/** A backend that stops answering on demand (as Redis does when paused), counting the reads that reach it. */
export interface Stall {
  stalled: boolean;
  reads: number;
}

/** keyv's serialised rows in a Map, as a backend would hold them. */
class MemoryRows {
  readonly rows = new Map<string, string>();
  constructor(private readonly stall?: Stall) {}
  // keyv's adapter shape: what KeyvDocuments reads and writes through keyv.store.
  async get(key: string) {
    if (this.stall) {
      this.stall.reads++;
      if (this.stall.stalled) return new Promise<undefined>(() => {});
    }
    return this.rows.get(key);
  }
  async getMany(keys: string[]) {
    return keys.map((k) => this.rows.get(k));
  }
  async set(key: string, raw: string) {
    this.rows.set(key, raw);
    return true;
  }
  async delete(key: string) {
    return this.rows.delete(key);
  }
  async clear() {
    this.rows.clear();
  }
  on() {
    return this;
  }
}

const expired = (raw: string, now: number) => {
  const expires = (JSON.parse(raw) as { expires?: unknown }).expires;
  return typeof expires === 'number' && expires <= now;
};

/**
 * The storage port in memory, for tests of services and repositories that need no real backend: the same
 * KeyvDocuments as every backend (keys, envelopes, expiry, schema versions), over a Map whose conditional
 * writes are atomic because nothing else runs between a read and a write in one process. It passes the
 * store contract (test/store/memory.test.ts); it is never a product backend: it forgets on exit.
 */
export function memoryStore(clock: Clock = systemClock, faults: { stall?: Stall; timeoutMs?: number } = {}): Documents {
  const store = new MemoryRows(faults.stall);
  const { rows } = store;
  const atomic: AtomicWrites = {
    async insertIfAbsent(rawKey, raw, now) {
      const current = rows.get(rawKey);
      if (current !== undefined && !expired(current, now)) return false;
      rows.set(rawKey, raw);
      return true;
    },
    async compareAndSwap(rawKey, expectedRaw, raw) {
      if (rows.get(rawKey) !== expectedRaw) return false;
      rows.set(rawKey, raw);
      return true;
    },
    async compareAndDelete(rawKey, expectedRaw) {
      return rows.get(rawKey) === expectedRaw && rows.delete(rawKey);
    },
    async ping() {},
    async sweepExpired(rawPrefix, now) {
      let swept = 0;
      for (const [key, raw] of rows) {
        if (key.startsWith(rawPrefix) && expired(raw, now) && rows.delete(key)) swept++;
      }
      return swept;
    },
    async *scanRows(rawPrefix, pageSize) {
      const all = [...rows].filter(([key]) => key.startsWith(rawPrefix)).map(([rawKey, raw]) => ({ rawKey, raw }));
      for (let i = 0; i < all.length; i += pageSize) yield all.slice(i, i + pageSize);
    },
    async putRow(rawKey, raw) {
      rows.set(rawKey, raw);
    },
  };
  return new KeyvDocuments(new Keyv({ store, namespace: 'dealbot' }), atomic, clock, faults.timeoutMs);
}

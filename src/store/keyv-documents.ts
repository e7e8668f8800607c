import { createHash } from 'node:crypto';
import type { Keyv } from 'keyv';
import type { Clock } from '../clock.js';
import { type Documents, type StoredRow, StoreUnavailableError, type Versioned } from './documents.js';
import { recordKindOf, stamped, upgraded } from './schema-versions.js';

/** What each backend adds to keyv: conditional writes on the raw, serialised row. */
export interface AtomicWrites {
  /** `ttlMs`, when given, is also handed to a backend that expires keys itself. */
  insertIfAbsent(rawKey: string, raw: string, now: number, ttlMs?: number): Promise<boolean>;
  compareAndSwap(rawKey: string, expectedRaw: string, raw: string, ttlMs?: number): Promise<boolean>;
  compareAndDelete(rawKey: string, expectedRaw: string): Promise<boolean>;
  ping(): Promise<void>;
  /** Deletes rows under the raw prefix whose envelope says they expired by `now`; 0 where the engine expires keys. */
  sweepExpired(rawPrefix: string, now: number): Promise<number>;
  /** Throws if a write that just succeeded cannot be trusted to last (SQLite: the file is gone). */
  verify?(): void;
  /** Every row under the raw prefix, a page at a time. */
  scanRows(rawPrefix: string, pageSize: number): AsyncIterable<{ rawKey: string; raw: string }[]>;
  /** An unconditional write of a serialised row; `ttlMs` for an engine that expires keys itself. */
  putRow(rawKey: string, raw: string, ttlMs?: number): Promise<void>;
  /** SQLite: VACUUM INTO a new file. */
  snapshot?(file: string): Promise<void>;
}

/**
 * The longest key stored as it is. PostgreSQL's key column holds 1,024 characters, and ids from
 * integrations are encoded into keys (200 "ü" become 1,200): a longer key keeps its readable start and
 * ends in a hash of the whole, on every backend alike, so a key means the same row everywhere.
 */
export const MAX_KEY_CHARS = 400;
export function fittedKey(key: string): string {
  if (key.length <= MAX_KEY_CHARS) return key;
  return `${key.slice(0, MAX_KEY_CHARS - 65)}~${createHash('sha256').update(key).digest('hex')}`;
}

/** A store operation that neither answers nor fails within this long is reported unavailable. */
export const DEFAULT_STORE_TIMEOUT_MS = 2000;

/**
 * keyv's format is JSON in which a string starting with ":" gets one more (and a Buffer becomes
 * ":base64:…"); its reader undoes that with a reviver that visits every value, the store's largest cost
 * in a list turn (profiled). In keyv's output, which has no whitespace, such a string's opening quote
 * follows "{", ",", ":" or "[" and is followed by ":". A row without that sequence reads the same through
 * plain JSON.parse; one with it (or a key that merely looks so) goes through keyv.
 */
const MAY_HOLD_ESCAPED_STRING = /[{,:[]":/;

/** The row as keyv would read it, or undefined when only keyv's own reader can tell. */
export function plainRow(raw: string): { value?: unknown; expires?: unknown } | undefined {
  return MAY_HOLD_ESCAPED_STRING.test(raw) ? undefined : (JSON.parse(raw) as { value?: unknown; expires?: unknown });
}

/**
 * Documents on keyv: reads and plain writes go through keyv and its adapter; the conditional writes go
 * through the adapter's own client. Values are stored in keyv's own format ({ value, expires }), so
 * keyv itself can still read every key.
 */
export class KeyvDocuments implements Documents {
  constructor(
    private readonly keyv: Keyv,
    private readonly atomic: AtomicWrites,
    readonly clock: Clock,
    private readonly timeoutMs = DEFAULT_STORE_TIMEOUT_MS,
  ) {}

  private rawKey(key: string): string {
    return `${this.keyv.namespace}:${fittedKey(key)}`;
  }

  /**
   * Set while the backend is not answering in time (the store clock's ms of the last call let through): other
   * calls fail at once instead of each waiting out its own timeout, so a request that makes several is still
   * answered within about one STORE_TIMEOUT. One call is let through every PROBE_MS to see whether it is back.
   */
  private stalledProbeAt?: number;
  private static readonly PROBE_MS = 500;

  /**
   * Every call to the backend, bounded in time: a backend that hangs (Redis stopped, a network gone) or
   * fails becomes a StoreUnavailableError within `timeoutMs`, never a request that waits for ever. A
   * write is confirmed only once the backend said so and `verify` still trusts it.
   */
  private async bounded<R>(operation: string, run: () => Promise<R>, writes = false): Promise<R> {
    if (this.stalledProbeAt !== undefined) {
      const now = this.clock().getTime();
      if (now - this.stalledProbeAt < KeyvDocuments.PROBE_MS) {
        throw new StoreUnavailableError(operation, new Error('the store is not answering in time (a moment ago); not asked again yet'));
      }
      this.stalledProbeAt = now;
    }
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new Error(`no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    try {
      const result = await Promise.race([run(), timeout]);
      if (writes) this.atomic.verify?.();
      this.stalledProbeAt = undefined;
      return result;
    } catch (error) {
      if (timedOut) this.stalledProbeAt = this.clock().getTime();
      throw error instanceof StoreUnavailableError ? error : new StoreUnavailableError(operation, error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A stored row's value (a record in an older shape upgraded: schema-versions.ts), unless it expired. */
  private async decode<T>(raw: unknown, key?: string): Promise<Versioned<T> | undefined> {
    if (typeof raw !== 'string') return undefined;
    const data = plainRow(raw) ?? (await this.keyv.deserializeData<T>(raw));
    if (!data) return undefined;
    if (typeof data.expires === 'number' && data.expires <= this.clock().getTime()) return undefined;
    const kind = key === undefined ? undefined : recordKindOf(key);
    try {
      return { value: (kind ? upgraded(kind, data.value) : data.value) as T, token: raw };
    } catch (error) {
      // A record from a newer release: answered as the store being unavailable (503, "try again"), and
      // left exactly as it is.
      throw new StoreUnavailableError('read a record written by a newer release', error);
    }
  }

  /** A value as written: a record stamped with its current schema version. */
  private async encode<T>(key: string, value: T, ttlMs?: number): Promise<string> {
    const expires = ttlMs === undefined ? undefined : this.clock().getTime() + ttlMs;
    const kind = recordKindOf(key);
    return (await this.keyv.serializeData({ value: kind ? stamped(kind, value) : value, expires })) as string;
  }

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    return this.decode<T>(await this.bounded('read', () => this.keyv.store.get(this.rawKey(key))), key);
  }

  async readMany<T>(keys: readonly string[]): Promise<(Versioned<T> | undefined)[]> {
    if (keys.length === 0) return [];
    const raws: unknown[] = await this.bounded('read', () => this.keyv.store.getMany(keys.map((k) => this.rawKey(k))));
    return Promise.all(raws.map((raw, i) => this.decode<T>(raw, keys[i])));
  }

  async insert<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
    const raw = await this.encode(key, value, ttlMs);
    return this.bounded('write', () => this.atomic.insertIfAbsent(this.rawKey(key), raw, this.clock().getTime(), ttlMs), true);
  }

  async swap<T>(key: string, token: string, value: T, ttlMs?: number): Promise<boolean> {
    const raw = await this.encode(key, value, ttlMs);
    return this.bounded('write', () => this.atomic.compareAndSwap(this.rawKey(key), token, raw, ttlMs), true);
  }

  removeIf(key: string, token: string): Promise<boolean> {
    return this.bounded('write', () => this.atomic.compareAndDelete(this.rawKey(key), token), true);
  }

  async put<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    const raw = await this.encode(key, value, ttlMs);
    await this.bounded('write', () => this.keyv.store.set(this.rawKey(key), raw, ttlMs), true);
  }

  async remove(key: string): Promise<void> {
    await this.bounded('write', () => this.keyv.store.delete(this.rawKey(key)), true);
  }

  ping(): Promise<void> {
    return this.bounded('answer', async () => {
      await this.atomic.ping();
      this.atomic.verify?.();
    });
  }

  sweepExpired(prefix: string): Promise<number> {
    return this.bounded('write', () => this.atomic.sweepExpired(this.rawKey(prefix), this.clock().getTime()), true);
  }

  async *scan(pageSize = 500): AsyncIterable<StoredRow[]> {
    const prefix = `${this.keyv.namespace}:`;
    for await (const page of this.atomic.scanRows(prefix, pageSize)) {
      const live: StoredRow[] = [];
      for (const { rawKey, raw } of page) {
        if (rawKey.startsWith(prefix) && (await this.decode(raw))) live.push({ key: rawKey.slice(prefix.length), raw });
      }
      if (live.length > 0) yield live;
    }
  }

  async putRaw(row: StoredRow): Promise<void> {
    const data = plainRow(row.raw) ?? (await this.keyv.deserializeData(row.raw));
    const expires = typeof data?.expires === 'number' ? data.expires : undefined;
    if (expires !== undefined && expires <= this.clock().getTime()) return; // expired on the way: nothing to keep
    const ttlMs = expires === undefined ? undefined : expires - this.clock().getTime();
    await this.bounded('write', () => this.atomic.putRow(this.rawKey(row.key), row.raw, ttlMs), true);
  }

  async snapshot(file: string): Promise<void> {
    if (!this.atomic.snapshot) throw new Error('this store cannot take a file snapshot');
    await this.atomic.snapshot(file);
  }

  async close(): Promise<void> {
    await this.keyv.disconnect();
  }
}

import type { Keyv } from 'keyv';
import type { Documents, Versioned } from './documents.js';

/** What each backend adds to keyv: conditional writes on the raw, serialised row. */
export interface AtomicWrites {
  insertIfAbsent(rawKey: string, raw: string, now: number): Promise<boolean>;
  compareAndSwap(rawKey: string, expectedRaw: string, raw: string): Promise<boolean>;
  compareAndDelete(rawKey: string, expectedRaw: string): Promise<boolean>;
  ping(): Promise<void>;
}

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
    private readonly clock: () => number = Date.now,
  ) {}

  private rawKey(key: string): string {
    return `${this.keyv.namespace}:${key}`;
  }

  private async decode<T>(raw: unknown): Promise<Versioned<T> | undefined> {
    if (typeof raw !== 'string') return undefined;
    const data = plainRow(raw) ?? (await this.keyv.deserializeData<T>(raw));
    if (!data) return undefined;
    if (typeof data.expires === 'number' && data.expires <= this.clock()) return undefined;
    return { value: data.value as T, token: raw };
  }

  private async encode<T>(value: T, ttlMs?: number): Promise<string> {
    const expires = ttlMs === undefined ? undefined : this.clock() + ttlMs;
    return (await this.keyv.serializeData({ value, expires })) as string;
  }

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    return this.decode<T>(await this.keyv.store.get(this.rawKey(key)));
  }

  async readMany<T>(keys: readonly string[]): Promise<(Versioned<T> | undefined)[]> {
    if (keys.length === 0) return [];
    const raws: unknown[] = await this.keyv.store.getMany(keys.map((k) => this.rawKey(k)));
    return Promise.all(raws.map((raw) => this.decode<T>(raw)));
  }

  async insert<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
    return this.atomic.insertIfAbsent(this.rawKey(key), await this.encode(value, ttlMs), this.clock());
  }

  async swap<T>(key: string, token: string, value: T): Promise<boolean> {
    return this.atomic.compareAndSwap(this.rawKey(key), token, await this.encode(value));
  }

  removeIf(key: string, token: string): Promise<boolean> {
    return this.atomic.compareAndDelete(this.rawKey(key), token);
  }

  async put<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    await this.keyv.store.set(this.rawKey(key), await this.encode(value, ttlMs));
  }

  async remove(key: string): Promise<void> {
    await this.keyv.store.delete(this.rawKey(key));
  }

  ping(): Promise<void> {
    return this.atomic.ping();
  }

  async close(): Promise<void> {
    await this.keyv.disconnect();
  }
}

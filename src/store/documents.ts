import type { Clock } from '../clock.js';

/**
 * The storage port: JSON documents under string keys, with the two atomic primitives keyv lacks.
 * Every backend (SQLite, Redis, PostgreSQL) implements it with its engine's own single-statement
 * primitive, so one contract test suite covers them all.
 */
export interface Versioned<T> {
  value: T;
  /** Opaque proof of what was read; a write conditioned on it fails if anyone wrote since. */
  token: string;
}

export interface Documents {
  /** What time it is for this store (the clock it was opened with): expiry, and the times indexes record. */
  readonly clock: Clock;
  read<T>(key: string): Promise<Versioned<T> | undefined>;
  readMany<T>(keys: readonly string[]): Promise<(Versioned<T> | undefined)[]>;
  /** Writes only if the key is absent (or expired); false if someone else holds it. */
  insert<T>(key: string, value: T, ttlMs?: number): Promise<boolean>;
  /** Writes only if the stored document is still the one `token` came from; false otherwise. */
  swap<T>(key: string, token: string, value: T, ttlMs?: number): Promise<boolean>;
  /** Deletes only if the stored document is still the one `token` came from; false otherwise. */
  removeIf(key: string, token: string): Promise<boolean>;
  /** An unconditional write, for data that has a single writer or where the last write should win. */
  put<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  remove(key: string): Promise<void>;
  /** Resolves when the backend answers a trivial query (and, for a file, the file is still there). */
  ping(): Promise<void>;
  /** Deletes keys under `prefix` whose time to live has passed (backends without native expiry keep them). */
  sweepExpired(prefix: string): Promise<number>;
  /**
   * Every live document as stored (keyv's row: the value and its expiry), a page at a time in no promised
   * order: what copies and backups move. PostgreSQL reads one snapshot; SQLite and Redis read as they go
   * (a consistent SQLite backup reads a `snapshot` instead).
   */
  scan(pageSize?: number): AsyncIterable<StoredRow[]>;
  /** Writes a row scanned from another store as it is (a copy, a restore). */
  putRaw(row: StoredRow): Promise<void>;
  /** SQLite only: a consistent copy of the whole database into a new file, while others go on writing. */
  snapshot?(file: string): Promise<void>;
  close(): Promise<void>;
}

/** A document as the store holds it: its key (as fitted, without the namespace) and keyv's serialised row. */
export interface StoredRow {
  key: string;
  raw: string;
}

/** Others wrote the same document at every attempt: nothing was written; trying again may work. */
export class StoreContentionError extends Error {
  constructor(key: string) {
    super(`others kept writing ${key}`);
    this.name = 'StoreContentionError';
  }
}

/**
 * The store did not answer in time, refused the operation, or lost its connection: nothing can be said
 * about what was asked, except that it was not confirmed. The caller may try again in a moment.
 */
export class StoreUnavailableError extends Error {
  constructor(operation: string, cause: unknown) {
    super(`the store could not ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

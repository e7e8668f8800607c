import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Documents } from './documents.js';
import { openPostgres } from './postgres.js';
import { openRedis } from './redis.js';
import { openSqlite } from './sqlite.js';

export interface StoreOptions {
  /** What time it is: for keys that expire (everything else in the store is timeless). */
  clock: Clock;
  /** Prefix of every key, so several products (or tests) can share one database. */
  namespace?: string;
  /** How long an operation may take before it is reported unavailable (DEFAULT_STORE_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Where a backend reports lost and regained connections. */
  log?: Logger;
}

/** The store STORE_URL names: sqlite:// (embedded, the default), redis:// or postgres:// (a fleet). */
export function openStore(url: string, options: StoreOptions): Promise<Documents> {
  if (/^rediss?:\/\//.test(url)) return openRedis(url, options);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  return openSqlite(url, options);
}

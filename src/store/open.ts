import type { Documents } from './documents.js';
import { openPostgres } from './postgres.js';
import { openRedis } from './redis.js';
import { openSqlite } from './sqlite.js';

/** The store STORE_URL names: sqlite:// (embedded, the default), redis:// or postgres:// (a fleet). */
export function openStore(url: string, namespace = 'dealbot'): Promise<Documents> {
  if (/^rediss?:\/\//.test(url)) return openRedis(url, namespace);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, namespace);
  return openSqlite(url, namespace);
}

/** Which kind of store a URL names, for logs: never the URL itself, which may hold a password. */
export const storeKind = (url: string) => url.split('://')[0];

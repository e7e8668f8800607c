import KeyvPostgres from '@keyv/postgres';
import { Keyv } from 'keyv';
import type { Documents } from './documents.js';
import { KeyvDocuments } from './keyv-documents.js';

/**
 * PostgreSQL, for several instances: keyv's adapter and its `keyv(key, value)` table; the atomic writes
 * are single conditional statements through the adapter's own pool.
 */
/** Stores open per URL: keyv's adapter keeps one pool per process, which only the last of them may end. */
const openCount = new Map<string, number>();

export async function openPostgres(url: string, namespace = 'dealbot'): Promise<Documents> {
  // Keys carry encoded tenant, owner and deal ids: room for the longest of them.
  const adapter = new KeyvPostgres({ uri: url, keySize: 1024, max: 20 });
  const query = adapter.query;
  const keyv = new Keyv({ store: adapter, namespace });
  await query('SELECT 1');
  const docs = new KeyvDocuments(keyv, {
    async insertIfAbsent(rawKey, raw, now) {
      const rows = await query(
        `INSERT INTO keyv (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value
         WHERE (keyv.value::jsonb ->> 'expires') IS NOT NULL AND (keyv.value::jsonb ->> 'expires')::float8 <= $3
         RETURNING key`,
        [rawKey, raw, now],
      );
      return rows.length === 1;
    },
    async compareAndSwap(rawKey, expectedRaw, raw) {
      return (await query('UPDATE keyv SET value = $1 WHERE key = $2 AND value = $3 RETURNING key', [raw, rawKey, expectedRaw])).length === 1;
    },
    async compareAndDelete(rawKey, expectedRaw) {
      return (await query('DELETE FROM keyv WHERE key = $1 AND value = $2 RETURNING key', [rawKey, expectedRaw])).length === 1;
    },
    async ping() {
      await query('SELECT 1');
    },
  });
  openCount.set(url, (openCount.get(url) ?? 0) + 1);
  const endPool = docs.close.bind(docs);
  docs.close = async () => {
    const left = (openCount.get(url) ?? 1) - 1;
    openCount.set(url, left);
    if (left === 0) await endPool();
  };
  return docs;
}

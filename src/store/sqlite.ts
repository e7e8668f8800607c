import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import type { Documents } from './documents.js';
import { KeyvDocuments } from './keyv-documents.js';

type Query = (sql: string, ...params: unknown[]) => Promise<{ key: string }[]>;

/** The embedded store: one SQLite file, shared safely by several processes on one machine. */
export async function openSqlite(url: string, namespace = 'dealbot'): Promise<Documents> {
  const file = url.replace(/^sqlite:\/\//, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // A writer waits for another process's lock instead of failing at once.
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 });
  const query = adapter.query as unknown as Query;
  // WAL lets readers go on while one process writes; the adapter creates its table on first use. With WAL,
  // synchronous=NORMAL keeps every commit through a process crash (only a power cut can lose the last few),
  // and spares an fsync per commit.
  await query('PRAGMA journal_mode = WAL');
  await query('PRAGMA synchronous = NORMAL');
  const keyv = new Keyv({ store: adapter, namespace });
  // The expired check reads keyv's own envelope ({"value":…,"expires":…}), so a TTL key can be re-taken.
  return new KeyvDocuments(keyv, {
    async insertIfAbsent(rawKey, raw, now) {
      const rows = await query(
        `INSERT INTO keyv (key, value) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value
         WHERE json_extract(keyv.value, '$.expires') IS NOT NULL AND json_extract(keyv.value, '$.expires') <= ?
         RETURNING key`,
        rawKey,
        raw,
        now,
      );
      return rows.length === 1;
    },
    async compareAndSwap(rawKey, expectedRaw, raw) {
      const rows = await query('UPDATE keyv SET value = ? WHERE key = ? AND value = ? RETURNING key', raw, rawKey, expectedRaw);
      return rows.length === 1;
    },
    async compareAndDelete(rawKey, expectedRaw) {
      const rows = await query('DELETE FROM keyv WHERE key = ? AND value = ? RETURNING key', rawKey, expectedRaw);
      return rows.length === 1;
    },
    async ping() {
      await query('SELECT 1');
    },
  });
}

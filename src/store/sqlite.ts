import { accessSync, closeSync, constants, mkdirSync, openSync, type Stats, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import type { Documents } from './documents.js';
import { KeyvDocuments } from './keyv-documents.js';
import type { StoreOptions } from './open.js';

type Query = (sql: string, ...params: unknown[]) => Promise<{ key: string }[]>;

/**
 * SQLite goes on writing through its open file after the file or its folder was deleted, and those writes
 * vanish with the process. So the file is checked after every write: still there, still the same file,
 * still writable. A failed check makes the write unconfirmed and the store not ready.
 */
function fileWatch(file: string): (() => void) | undefined {
  if (file === ':memory:') return undefined;
  const opened = statSync(file);
  const same = (now: Stats) => now.ino === opened.ino && now.dev === opened.dev;
  return () => {
    let now: Stats;
    try {
      now = statSync(file);
      accessSync(file, constants.W_OK);
    } catch {
      throw new Error(`the SQLite file ${file} is gone or not writable; restore it (or its folder) and restart`);
    }
    if (!same(now)) throw new Error(`the SQLite file ${file} was replaced while open; restart to use the new one`);
  };
}

/**
 * File systems served over a network, by the type statfs reports (Linux magic numbers). SQLite's WAL
 * keeps its index in shared memory, which only processes on one machine can share: on a network file
 * system (App Service's /home is SMB; Azure Files, NFS, blobfuse) it can corrupt the database.
 */
const NETWORK_FILE_SYSTEMS = new Map<number, string>([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x65735546, 'FUSE'],
  [0x01021997, '9P'],
  [0x00c36400, 'Ceph'],
  [0x5346414f, 'AFS'],
]);
export function networkFileSystem(statfsType: number): string | undefined {
  return NETWORK_FILE_SYSTEMS.get(statfsType >>> 0);
}

/** The embedded store: one SQLite file, shared safely by several processes on one machine. */
export async function openSqlite(url: string, { namespace = 'dealbot', timeoutMs, log, clock }: StoreOptions): Promise<Documents> {
  const file = url.replace(/^sqlite:\/\//, '');
  if (file !== ':memory:') {
    // Deals hold people's data: the folder and the file are the bot's own (SQLite gives its -wal and -shm
    // files the database file's mode). An empty file is a new database to SQLite.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
  }
  const network = file === ':memory:' ? undefined : networkFileSystem(statfsSync(dirname(file)).type);
  // A writer waits for another process's lock instead of failing at once.
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 });
  const query = adapter.query as unknown as Query;
  // WAL lets readers go on while one process writes; the adapter creates its table on first use. With WAL,
  // synchronous=NORMAL keeps every commit through a process crash (only a power cut can lose the last few),
  // and spares an fsync per commit.
  if (network) {
    log?.warn(
      { fileSystem: network },
      `The SQLite file is on a network file system (${network}), where WAL is not safe: using a rollback journal instead. Run one instance on it only, or use PostgreSQL.`,
    );
    await query('PRAGMA journal_mode = DELETE');
    await query('PRAGMA synchronous = FULL');
  } else {
    await query('PRAGMA journal_mode = WAL');
    await query('PRAGMA synchronous = NORMAL');
  }
  const keyv = new Keyv({ store: adapter, namespace });
  const verify = fileWatch(file);
  // The expired check reads keyv's own envelope ({"value":…,"expires":…}), so a TTL key can be re-taken.
  return new KeyvDocuments(
    keyv,
    {
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
      // The key is the table's primary key: a range on it reads only the rows under the prefix.
      async sweepExpired(rawPrefix, now) {
        const rows = await query(
          `DELETE FROM keyv WHERE key >= ? AND key < ?
         AND json_extract(value, '$.expires') IS NOT NULL AND json_extract(value, '$.expires') <= ?
         RETURNING key`,
          rawPrefix,
          `${rawPrefix}\uffff`,
          now,
        );
        return rows.length;
      },
      verify,
      // Keyset pages on the primary key: each page is one statement, so a page is consistent in itself.
      async *scanRows(rawPrefix, pageSize) {
        let after = rawPrefix;
        for (;;) {
          const rows = (await query(
            'SELECT key, value FROM keyv WHERE key > ? AND key < ? ORDER BY key LIMIT ?',
            after,
            `${rawPrefix}\uffff`,
            pageSize,
          )) as unknown as { key: string; value: string }[];
          if (rows.length === 0) return;
          yield rows.map((r) => ({ rawKey: r.key, raw: r.value }));
          after = rows.at(-1)!.key;
        }
      },
      async putRow(rawKey, raw) {
        await query('INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', rawKey, raw);
      },
      // SQLite's own online copy: a read transaction's view of the whole file, written to a new one.
      async snapshot(file) {
        closeSync(openSync(file, 'wx', 0o600)); // VACUUM INTO fills an empty file, keeping its mode
        await query('VACUUM INTO ?', file);
      },
    },
    clock,
    timeoutMs,
  );
}

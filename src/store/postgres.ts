import KeyvPostgres from '@keyv/postgres';
import { Keyv } from 'keyv';
import pg from 'pg';
import { parse as parseConnectionString } from 'pg-connection-string';
import type { Clock } from '../clock.js';
import type { Documents } from './documents.js';
import { entraPassword } from './entra-password.js';
import { DEFAULT_STORE_TIMEOUT_MS, KeyvDocuments } from './keyv-documents.js';
import type { StoreOptions } from './open.js';

type Rows = { key: string }[];
type Query = (sql: string, values?: unknown[]) => Promise<Rows>;

/** Keys carry encoded tenant, owner and deal ids; longer ones are hashed to fit (keyv-documents.ts). */
const KEY_SIZE = 1024;
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(${KEY_SIZE}) PRIMARY KEY, value TEXT)`;

/**
 * keyv's adapter on a pool of our own. The adapter's pool is one per process with no 'error' listener,
 * so a connection the server drops (a restart, pg_terminate_backend) would end the process, and it
 * creates its table once, at construction: a database that is down at start would never get it. Here the
 * pool reports dropped connections and replaces them, queries fail fast while the server is away, and the
 * table is created by the first query that finds the server up.
 */
function pooledAdapter(url: string, timeoutMs: number, log: StoreOptions['log'], clock: Clock) {
  // pg reads a URL's empty password as "" over any password option: the URL's parts are given instead,
  // with a Microsoft Entra token as the password where the URL names none (Azure's passwordless login).
  const { password, ...connection } = parseConnectionString(url);
  const pool = new pg.Pool({
    ...(connection as pg.PoolConfig),
    password: password || entraPassword(clock),
    max: 20,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 30_000,
  });
  let reported = false;
  pool.on('error', (error) => {
    // An idle connection died; queries in flight on it have already failed. The next query connects anew.
    if (!reported) log?.warn({ err: error.message }, 'PostgreSQL dropped a connection; reconnecting on the next query');
    reported = true;
  });
  let table: Promise<unknown> | undefined;
  const query: Query = async (sql, values) => {
    table ??= pool.query(CREATE_TABLE).catch((error: { code?: string }) => {
      table = undefined;
      // Two instances creating the table at once: one of them meets the other's row in the catalogue.
      if (error.code !== '23505') throw error;
    });
    await table;
    const result = await pool.query(sql, values);
    reported = false;
    return result.rows as Rows;
  };
  class PooledKeyvPostgres extends KeyvPostgres {
    override async connect() {
      return query;
    }
    override async disconnect() {
      await pool.end();
    }
  }
  const adapter = new PooledKeyvPostgres({ uri: url, keySize: KEY_SIZE });
  // The adapter's own table creation at construction reports a failure here; ours retries it.
  adapter.on('error', () => {});
  return { adapter, query, pool };
}

/**
 * PostgreSQL, for several instances: keyv's adapter and its `keyv(key, value)` table; the atomic writes
 * are single conditional statements through the same pool. Opening never waits for the server: a bot
 * started while the database is down serves /readyz 503 until it is back.
 */
export async function openPostgres(
  url: string,
  { namespace = 'dealbot', timeoutMs = DEFAULT_STORE_TIMEOUT_MS, log, clock }: StoreOptions,
): Promise<Documents> {
  const { adapter, query, pool } = pooledAdapter(url, timeoutMs, log, clock);
  const keyv = new Keyv({ store: adapter, namespace });
  // keyv re-emits the adapter's events; failed queries reach their callers as rejections, the pool's
  // dropped connections are logged above.
  keyv.on('error', () => {});
  return new KeyvDocuments(
    keyv,
    {
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
        return (
          (await query('UPDATE keyv SET value = $1 WHERE key = $2 AND value = $3 RETURNING key', [raw, rawKey, expectedRaw])).length === 1
        );
      },
      async compareAndDelete(rawKey, expectedRaw) {
        return (await query('DELETE FROM keyv WHERE key = $1 AND value = $2 RETURNING key', [rawKey, expectedRaw])).length === 1;
      },
      async ping() {
        await query('SELECT 1');
      },
      // LIKE, not a range: under a linguistic collation a key range does not follow the prefix.
      async sweepExpired(rawPrefix, now) {
        const pattern = `${rawPrefix.replace(/[\\%_]/g, '\\$&')}%`;
        const rows = await query(
          `DELETE FROM keyv WHERE key LIKE $1
           AND (value::jsonb ->> 'expires') IS NOT NULL AND (value::jsonb ->> 'expires')::float8 <= $2
           RETURNING key`,
          [pattern, now],
        );
        return rows.length;
      },
      // One REPEATABLE READ transaction on one connection: every page comes from the same snapshot.
      async *scanRows(rawPrefix, pageSize) {
        await query('SELECT 1'); // the table exists
        const client = await pool.connect();
        try {
          await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
          const pattern = `${rawPrefix.replace(/[\\%_]/g, '\\$&')}%`;
          let after = '';
          for (;;) {
            const { rows } = await client.query<{ key: string; value: string }>(
              'SELECT key, value FROM keyv WHERE key LIKE $1 AND key COLLATE "C" > $2 ORDER BY key COLLATE "C" LIMIT $3',
              [pattern, after, pageSize],
            );
            if (rows.length === 0) break;
            yield rows.map((r) => ({ rawKey: r.key, raw: r.value }));
            after = rows.at(-1)!.key;
          }
        } finally {
          // Also when the reader stopped early: the connection goes back to the pool outside any transaction.
          await client.query('ROLLBACK').catch(() => undefined);
          client.release();
        }
      },
      async putRow(rawKey, raw) {
        await query('INSERT INTO keyv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [rawKey, raw]);
      },
    },
    clock,
    timeoutMs,
  );
}

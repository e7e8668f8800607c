import { randomUUID } from 'node:crypto';
import { createClient } from '@keyv/redis';
import pg from 'pg';
import { storeCommandSuite } from '../scripts/store-suite.js';

// SQLite to the fleet's backends, a few thousand deals each: every test gets an empty database of its own
// (PostgreSQL: a new database; Redis: the next logical database, flushed), so other suites' keys stay apart.
const DEALS = 2000;

const pgUrl = process.env.TEST_POSTGRES_URL;
if (pgUrl) {
  storeCommandSuite(
    'PostgreSQL',
    async () => {
      const name = `dealbot_copy_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    DEALS,
  );
}

const redisUrl = process.env.TEST_REDIS_URL;
if (redisUrl) {
  let next = 8;
  storeCommandSuite(
    'Redis',
    async () => {
      const url = `${redisUrl}/${next++ % 16}`;
      const client = createClient({ url });
      await client.connect();
      await client.flushDb();
      await client.quit();
      return url;
    },
    DEALS,
  );
}

if (!pgUrl && !redisUrl) {
  describe('npm run store to PostgreSQL and Redis (skipped: npm run test:stores starts throwaway servers)', () => {
    it.skip('runs with TEST_POSTGRES_URL and TEST_REDIS_URL', () => {});
  });
}

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { whenServer } from '../store/conformance.js';
import { BotProcess } from '../support/bot-process.js';
import { allText } from '../support/cards.js';
import { FakeConnector } from '../support/fake-connector.js';
import { SellerClient } from '../support/seller-client.js';

/** The one role scripts/with-stores.sh makes log in with a password (scram), as Azure asks for a token. */
const ROLE = 'entra_bot';

/**
 * App Service's managed identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER), on loopback: it hands out
 * the token it holds, for PostgreSQL's Entra audience only, and counts what it was asked.
 */
class IdentityEndpoint {
  token = 'token-one';
  lifetimeSeconds = 3600;
  readonly asked: string[] = [];
  private server?: Server;
  url = '';
  readonly header = 'identity-header-secret';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      this.asked.push(url.searchParams.get('resource') ?? '');
      if (req.headers['x-identity-header'] !== this.header) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          access_token: this.token,
          expires_on: String(Math.floor(Date.now() / 1000) + this.lifetimeSeconds),
          resource: url.searchParams.get('resource'),
          token_type: 'Bearer',
        }),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/msi/token`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

whenServer('PostgreSQL with a Microsoft Entra token for a password', 'TEST_POSTGRES_URL', (adminUrl) => {
  describe('PostgreSQL reached with a Microsoft Entra token, no password anywhere (Azure’s passwordless login)', function () {
    this.timeout(120_000);
    const identity = new IdentityEndpoint();
    const connector = new FakeConnector();
    let admin: pg.Client;
    let bot: BotProcess | undefined;
    const storeUrl = () => {
      const url = new URL(adminUrl());
      url.username = ROLE;
      url.password = '';
      return url.toString();
    };

    before(async () => {
      await Promise.all([identity.start(), connector.start()]);
      admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`DROP TABLE IF EXISTS keyv; DROP ROLE IF EXISTS ${ROLE}`);
      await admin.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${identity.token}'; GRANT CREATE ON SCHEMA public TO ${ROLE}`);
    });
    after(async () => {
      await bot?.signal('SIGTERM');
      await admin.query(`DROP TABLE IF EXISTS keyv; DROP OWNED BY ${ROLE}; DROP ROLE IF EXISTS ${ROLE}`);
      await admin.end();
      await Promise.all([identity.stop(), connector.stop()]);
    });

    it('serves a wizard turn, asking the identity endpoint once for PostgreSQL’s audience', async () => {
      assert.doesNotMatch(storeUrl(), /:[^@/]*@/, 'the URL names no password');
      bot = await new BotProcess({
        STORE_URL: storeUrl(),
        IDENTITY_ENDPOINT: identity.url,
        IDENTITY_HEADER: identity.header,
        AZURE_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      }).start();
      assert.equal((await fetch(`${bot.url}/readyz`)).status, 200);
      const seller = new SellerClient({ url: bot.url, connector }, { tenantId: 'tenant-contoso' });
      assert.match(allText(await seller.say('register a deal')), /Step 1 of 6/);
      assert.deepEqual([...new Set(identity.asked)], ['https://ossrdbms-aad.database.windows.net']);
      // Every connection of the pool logged in with the one token: it is fetched again only near its expiry.
      const connections = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1', [ROLE]);
      assert.ok((connections.rows[0] as { n: number }).n >= 1);
      assert.equal(identity.asked.length, 1);
    });

    it('asks again for every new connection once the token it holds is near its expiry', async () => {
      // Tokens that live 4 minutes, inside the 5-minute margin the bot keeps: none is reused.
      await bot!.signal('SIGTERM');
      identity.lifetimeSeconds = 240;
      bot = await new BotProcess({ STORE_URL: storeUrl(), IDENTITY_ENDPOINT: identity.url, IDENTITY_HEADER: identity.header }).start();
      assert.equal((await fetch(`${bot.url}/readyz`)).status, 200);
      const before = identity.asked.length;
      // The platform rotates the token: the database now takes only the new one.
      identity.token = 'token-two';
      await admin.query(`ALTER ROLE ${ROLE} PASSWORD 'token-two'`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [ROLE]);
      // The first try may meet a connection being torn down; the pool replaces it.
      let status = 0;
      for (let attempt = 0; attempt < 10 && status !== 200; attempt++) {
        status = (await fetch(`${bot.url}/readyz`)).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal(status, 200, 'connected again with the new token');
      assert.ok(identity.asked.length > before, `asked ${identity.asked.length} times, ${before} before the rotation`);
    });
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { systemClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import type { Documents } from '../../src/store/documents.js';
import { openStore } from '../../src/store/open.js';
import { whenServer } from '../store/conformance.js';
import { BotProcess } from '../support/bot-process.js';
import { eventually } from '../support/eventually.js';
import { FakeConnector } from '../support/fake-connector.js';
import { seedOwnersToNotify } from '../support/owed-notifications.js';

const OWNERS = 1000;
// Teams' per-tenant limit as it is; the conversations' limits are not what this is about.
const TENANT_LIMIT = '50/PT1S';

/**
 * Two instances on one store deliver to one tenant together: Teams' 50/s is theirs to share, not each one's.
 * Run in a mocha process of its own (.mocharc.fleet.json), as the single-instance pacing test is: the fake
 * connector times arrivals on this process's event loop, which the other store suites leave busy.
 */
function fleetPacing(name: string, url: () => string): void {
  describe(`fleet pacing on ${name}`, function () {
    this.timeout(120_000);
    const limits = parseConfig({ TEAMS_LIMITS_TENANT: TENANT_LIMIT }).outbox;
    const connector = new FakeConnector();
    let docs: Documents;
    const bots: BotProcess[] = [];
    before(async () => {
      await connector.start();
      connector.enforceLimits({ conversation: limits.conversationLimits, tenant: limits.tenantLimits });
      docs = await openStore(url(), { clock: systemClock });
    });
    after(async () => {
      await Promise.all(bots.map((b) => b.signal('SIGTERM')));
      await docs.close();
      await connector.stop();
    });

    it(`two instances, ${OWNERS.toLocaleString('en')} notifications in one tenant: 0 × 429, each delivered once`, async () => {
      const tenantId = `tenant-fleet-${randomUUID().slice(0, 8)}`;
      const seeded = await seedOwnersToNotify(docs, {
        tenantId,
        owners: OWNERS,
        connectorUrl: connector.url,
        conversationIdOf: (o) => `a:${tenantId}-${o}`,
        deals: 'decided',
      });
      const conversations = seeded.map((s) => s.conversationId);
      const wanted = new Set(conversations);
      const delivered = () => connector.calls.filter((c) => c.method === 'POST' && wanted.has(c.conversationId));
      const env = { STORE_URL: url(), TEAMS_LIMITS_TENANT: TENANT_LIMIT, OUTBOX_POLL: 'PT0.05S' };
      const started = Date.now();
      bots.push(...(await Promise.all([new BotProcess(env).start(), new BotProcess(env).start()])));
      await eventually(() => delivered().length >= OWNERS, 90_000, `${OWNERS} delivered`);
      const elapsed = Date.now() - started;
      assert.equal(connector.throttled, 0, 'no send over Teams’ limits');
      for (const c of conversations) assert.equal(connector.sent(c).length, 1, 'each owner once');
      const times = delivered()
        .map((c) => c.at)
        .sort((a, b) => a - b);
      const perSecond = (OWNERS - 1) / ((times.at(-1)! - times[0]!) / 1000);
      process.stdout.write(`      (${OWNERS} in ${elapsed} ms from start; ${perSecond.toFixed(1)}/s between first and last)\n`);
    });
  });
}

whenServer('fleet pacing on Redis', 'TEST_REDIS_URL', (url) => fleetPacing('Redis', url));
whenServer('fleet pacing on PostgreSQL', 'TEST_POSTGRES_URL', (url) => fleetPacing('PostgreSQL', url));

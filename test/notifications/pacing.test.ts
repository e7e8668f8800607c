import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { parseConfig } from '../../src/config.js';
import type { RateLimit } from '../../src/services/rate-limiter.js';
import type { Documents } from '../../src/store/documents.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { BotProcess } from '../support/bot-process.js';
import { eventually } from '../support/eventually.js';
import { FakeConnector } from '../support/fake-connector.js';
import { seedOwnersToNotify } from '../support/owed-notifications.js';
import { tempStoreUrl } from '../support/temp-store.js';

// The conversation's limits at a fifth of their windows, so the burst takes seconds instead of a minute; the
// tenant's limit as Teams sets it (50/s): 1,000 owners take about 20 s.
const CONVERSATION = '7/PT0.2S,8/PT0.4S,60/PT6S,1800/PT720S';
const TENANT_LIMIT = '50/PT1S';
const TENANT = 'tenant-pacing';

/** When the n-th send can go at the earliest, sending greedily under sliding windows: the ideal schedule. */
function idealFinishMs(sends: number, limits: readonly RateLimit[]): number {
  const times: number[] = [];
  for (let i = 0; i < sends; i++) {
    let t = times.at(-1) ?? 0;
    for (;;) {
      const blocked = limits.map(({ count, windowMs }) => {
        const inWindow = times.filter((x) => x > t - windowMs);
        return inWindow.length >= count ? inWindow[inWindow.length - count]! + windowMs : undefined;
      });
      const next = Math.max(...blocked.map((b) => b ?? -1));
      if (next < 0 || next <= t) break;
      t = next;
    }
    times.push(t);
  }
  return times.at(-1)!;
}

// The bot runs in its own process, so the fake connector here times each arrival on an otherwise idle event
// loop, as Teams would; sharing one process, a busy loop would stamp sends that left apart as arriving together.
// For the same reason this file runs in a mocha process of its own (.mocharc.timing.json): after the other
// suites, that process's heap made garbage-collection pauses long enough to bunch arrivals (seen once in five).
describe('pacing under Teams’ limits', function () {
  this.timeout(90_000);
  const limits = parseConfig({ TEAMS_LIMITS_CONVERSATION: CONVERSATION, TEAMS_LIMITS_TENANT: TENANT_LIMIT }).outbox;
  const connector = new FakeConnector();
  let url: string;
  let docs: Documents;
  let bot: BotProcess | undefined;

  before(async () => {
    await connector.start();
    connector.enforceLimits({ conversation: limits.conversationLimits, tenant: limits.tenantLimits });
  });
  after(async () => connector.stop());
  beforeEach(async () => {
    url = tempStoreUrl();
    docs = await openSqlite(url);
  });
  afterEach(async () => {
    await bot?.signal('SIGTERM');
    await docs.close();
  });

  /** Starts the bot once every notification is owed; resolves when it is listening (and delivering). */
  async function startBot(): Promise<number> {
    bot = await new BotProcess({
      STORE_URL: url,
      TEAMS_LIMITS_CONVERSATION: CONVERSATION,
      TEAMS_LIMITS_TENANT: TENANT_LIMIT,
      OUTBOX_POLL: 'PT0.05S',
    }).start();
    return Date.now();
  }

  /** Owners who installed the bot, and a decided deal for each notification they are owed. */
  async function owed(owners: number, perOwner: number): Promise<string[]> {
    const run = randomUUID().slice(0, 8); // the connector outlives each test: its conversations must not
    const seeded = await seedOwnersToNotify(docs, {
      tenantId: TENANT,
      owners,
      perOwner,
      connectorUrl: connector.url,
      conversationIdOf: (o) => `a:pacing-${run}-${o}`,
      deals: 'decided',
    });
    const conversations = seeded.map((s) => s.conversationId);
    return conversations;
  }

  // One pass over the calls: a poll that walked them once per conversation kept this process's event loop
  // busy for tens of milliseconds, and the sends arriving meanwhile were timed late, as if bunched.
  const delivered = (conversations: readonly string[]) => {
    const wanted = new Set(conversations);
    return connector.calls.filter((c) => c.method === 'POST' && wanted.has(c.conversationId)).length;
  };

  it('a burst of 100 to one owner: no 429, done about when the limits allow', async () => {
    const conversations = await owed(1, 100);
    const throttledBefore = connector.throttled;
    const start = await startBot();
    await eventually(() => delivered(conversations) === 100, 40_000, '100 delivered');
    const elapsed = Date.now() - start;
    const ideal = idealFinishMs(100, limits.conversationLimits);
    assert.equal(connector.throttled - throttledBefore, 0, 'no send over the limits');
    assert.ok(elapsed <= ideal * 1.25 + 1500, `took ${elapsed} ms; the limits allow ${ideal} ms`);
    process.stdout.write(`      (100 to one owner: ${elapsed} ms; ideal ${ideal} ms)\n`);
  });

  it('1,000 to different owners: no 429, done about when the tenant limit allows', async () => {
    const conversations = await owed(1000, 1);
    const throttledBefore = connector.throttled;
    const start = await startBot();
    await eventually(() => delivered(conversations) === 1000, 40_000, '1,000 delivered');
    const elapsed = Date.now() - start;
    const ideal = idealFinishMs(1000, limits.tenantLimits);
    assert.equal(connector.throttled - throttledBefore, 0, 'no send over the limits');
    assert.ok(elapsed <= ideal * 1.25 + 1500, `took ${elapsed} ms; the limits allow ${ideal} ms`);
    for (const c of conversations) assert.equal(connector.sent(c).length, 1, 'each owner once');
    process.stdout.write(`      (1,000 owners: ${elapsed} ms; ideal ${ideal} ms)\n`);
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_KEYS_ENV, KEYS } from '../support/api-client.js';
import { BotProcess } from '../support/bot-process.js';
import { allText } from '../support/cards.js';
import { eventually } from '../support/eventually.js';
import { FakeConnector } from '../support/fake-connector.js';
import { SellerClient } from '../support/seller-client.js';
import { serverProgramsPresent, ThrowawayPostgres, ThrowawayRedis } from '../support/throwaway-servers.js';

/** A request may wait for the store this long (STORE_TIMEOUT, 2 s) plus the time to answer. */
const BOUND_MS = 3000;

interface Outcome {
  referralId: string;
  status: number;
  ms: number;
}

/**
 * Integrations reporting won referrals, four at a time, until stopped: each answer is kept with how long it
 * took, so a test can check that nothing hung and that everything acknowledged is still there afterwards.
 */
class ReferralTraffic {
  readonly outcomes: Outcome[] = [];
  private running = true;
  private readonly done: Promise<unknown>;

  constructor(private readonly url: string) {
    this.done = Promise.all(Array.from({ length: 4 }, () => this.loop()));
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const referralId = `r-${randomUUID()}`;
      const started = Date.now();
      const status = await report(this.url, referralId).catch(() => 0);
      this.outcomes.push({ referralId, status, ms: Date.now() - started });
      if (status !== 201) await sleep(50);
    }
  }

  async stop(): Promise<Outcome[]> {
    this.running = false;
    await this.done;
    return this.outcomes;
  }
}

async function report(url: string, referralId: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.integration}` },
    body: JSON.stringify({ referralId, owner: { aadObjectId: 'owner-1' }, customer: { companyName: 'Outage AB' } }),
  });
  await res.arrayBuffer();
  return res.status;
}

const ready = async (url: string) => (await fetch(`${url}/readyz`)).status;

/** What every fault test asserts at the end: nothing hung, only 201 or 503, and every 201 is still there. */
async function checkOutcomes(url: string, outcomes: Outcome[]): Promise<void> {
  const slowest = Math.max(...outcomes.map((o) => o.ms));
  assert.ok(slowest < BOUND_MS, `a request took ${slowest} ms`);
  const statuses = new Set(outcomes.map((o) => o.status));
  assert.deepEqual(
    [...statuses].filter((s) => s !== 201 && s !== 503),
    [],
    'only saved (201) or try again (503)',
  );
  assert.ok(
    outcomes.some((o) => o.status === 503),
    'the outage was met',
  );
  const acknowledged = outcomes.filter((o) => o.status === 201);
  assert.ok(acknowledged.length > 10, `${acknowledged.length} referrals saved`);
  for (const { referralId } of acknowledged) {
    assert.equal(await report(url, referralId), 200, `referral ${referralId} was acknowledged, so it must be there`);
  }
}

/**
 * These start and stop servers of their own, so they run with the other store suites (npm run
 * test:stores, which sets TEST_REDIS_URL) on a machine with redis-server and PostgreSQL installed.
 */
const describeWithServers = process.env.TEST_REDIS_URL && serverProgramsPresent() ? describe : describe.skip;

describeWithServers('PostgreSQL failing under a running bot', function () {
  this.timeout(120_000);
  const pg = new ThrowawayPostgres();
  let bot: BotProcess;
  before(async () => {
    await pg.start();
    bot = await new BotProcess({ STORE_URL: pg.url, API_KEYS: API_KEYS_ENV }).start();
  });
  after(async () => {
    await bot?.signal('SIGTERM');
    pg.remove();
  });

  it('survives its sessions being terminated and the server stopping; answers 503 fast; recovers alone; loses nothing', async () => {
    await eventually(async () => (await ready(bot.url)) === 200, 60_000, 'ready');
    const traffic = new ReferralTraffic(bot.url);
    await sleep(700);
    assert.ok(pg.terminateSessions() > 0, 'the bot’s sessions were cut');
    await sleep(700);
    pg.stop();
    const stoppedAt = Date.now();
    await eventually(async () => (await ready(bot.url)) === 503, 60_000, '/readyz says 503');
    assert.ok(Date.now() - stoppedAt < 2500, `/readyz said 503 after ${Date.now() - stoppedAt} ms`);
    await sleep(1500);
    await pg.start();
    await eventually(async () => (await ready(bot.url)) === 200, 60_000, 'ready again without a restart');
    await sleep(700);
    await checkOutcomes(bot.url, await traffic.stop());
    assert.equal(bot.output.filter((l) => l.includes('"lastLine"')).length, 0);
  });

  it('starts while the database is down, answering /readyz 503 until it is back', async () => {
    pg.stop();
    const late = await new BotProcess({ STORE_URL: pg.url, API_KEYS: API_KEYS_ENV }).start();
    try {
      assert.equal(await ready(late.url), 503);
      assert.equal(await report(late.url, 'r-while-down'), 503);
      await pg.start();
      await eventually(async () => (await ready(late.url)) === 200, 60_000, 'ready once the database is up');
      assert.equal(await report(late.url, 'r-after'), 201);
    } finally {
      await late.signal('SIGTERM');
    }
  });
});

describeWithServers('Redis failing under a running bot', function () {
  this.timeout(120_000);
  const redis = new ThrowawayRedis();
  const connector = new FakeConnector();
  let bot: BotProcess;
  before(async () => {
    await redis.start();
    await connector.start();
    bot = await new BotProcess({ STORE_URL: redis.url, API_KEYS: API_KEYS_ENV }).start();
  });
  after(async () => {
    await bot?.signal('SIGTERM');
    await connector.stop();
    await redis.remove();
  });

  it('stopped for 10 s: /readyz 503 within 2 s, requests answered 503 fast, a Teams user asked to try again, nothing lost', async () => {
    const seller = new SellerClient({ url: bot.url, connector }, { tenantId: 'tenant-contoso' });
    await seller.install();
    const traffic = new ReferralTraffic(bot.url);
    await sleep(700);
    await redis.stop();
    const stoppedAt = Date.now();
    await eventually(async () => (await ready(bot.url)) === 503, 60_000, '/readyz says 503');
    assert.ok(Date.now() - stoppedAt < 2500, `/readyz said 503 after ${Date.now() - stoppedAt} ms`);
    assert.match(allText(await seller.say('register a deal')), /can't reach my database.*try again in a moment/i);
    // The compose box's search is answered in its own result shape, with the same words.
    const search = await seller.search('volvo');
    assert.equal(search.type, 'message');
    assert.match(search.text as string, /can't reach my database.*try again in a moment/i);
    await sleep(10_000 - (Date.now() - stoppedAt));
    await redis.start();
    await eventually(async () => (await ready(bot.url)) === 200, 60_000, 'ready again without a restart');
    await sleep(500);
    await checkOutcomes(bot.url, await traffic.stop());
    assert.match(allText(await seller.say('register a deal')), /Step 1 of 6/);
  });

  it('writes "already handled" keys with a time to live', async () => {
    const keys = redis.cli('--scan', '--pattern', '*seen/*').split('\n').filter(Boolean);
    assert.ok(keys.length > 0, 'the turns above left some');
    for (const key of keys) assert.ok(Number(redis.cli('PTTL', key)) > 0, `${key} expires`);
  });

  it('at maxmemory refuses writes with 503 instead of acknowledging what it did not store', async () => {
    const put = (names: string[]) =>
      fetch(`${bot.url}/api/v1/solutions`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.reviewer}` },
        body: JSON.stringify({ solutions: names.map((name, i) => ({ id: `s-${i}`, name })) }),
      });
    assert.equal((await put(['Before the limit'])).status, 200);
    const used = Number(/used_memory:(\d+)/.exec(redis.cli('INFO', 'memory'))![1]);
    redis.cli('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
    redis.cli('CONFIG', 'SET', 'maxmemory', String(Math.floor(used / 2)));
    try {
      const refused = await put(['After the limit']);
      assert.equal(refused.status, 503);
    } finally {
      redis.cli('CONFIG', 'SET', 'maxmemory', '0');
    }
    const stored = await (await fetch(`${bot.url}/api/v1/solutions`, { headers: { authorization: `Bearer ${KEYS.reviewer}` } })).json();
    assert.deepEqual(
      stored.solutions.map((s: { name: string }) => s.name),
      ['Before the limit'],
    );
  });
});

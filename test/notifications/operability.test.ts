import assert from 'node:assert/strict';
import { DealRepository } from '../../src/store/deal-repository.js';
import { API_KEYS_ENV, ApiClient, KEYS } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { eventually } from '../support/eventually.js';
import { seed } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';

describe('operating a fleet: /metrics and a clean stop', () => {
  it('GET /metrics on METRICS_PORT counts turns, store operations, deliveries and the outbox; the public port has none', async () => {
    const bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV, OUTBOX_POLL: 'PT0.05S', METRICS_PORT: '9464' }).start();
    try {
      const seller = new SellerClient(bot, { tenantId: TENANT });
      await seller.install();
      await seller.say('help');
      await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": 7}' });
      const deal = await seed(new DealRepository(bot.bot.store), {
        tenantId: TENANT,
        ownerId: seller.who.aadObjectId,
        status: 'in_review',
        companyName: 'Metrics AB',
        minutesAgo: 1,
      });
      assert.match(await (await fetch(`${bot.metricsUrl}/metrics`)).text(), /dealbot_desk_backlog 1/, 'one deal waits for the desk');
      const api = new ApiClient(bot.url, KEYS.reviewer);
      assert.equal((await api.request('POST', `/api/v1/deals/${deal.id}/approve`, {}, { 'if-match': '*' })).status, 200);
      await eventually(() => seller.notifications().length === 1, 60_000, 'delivered');
      // The notice arrives before the worker has marked it delivered: let the outbox settle first.
      await bot.bot.worker.settle();
      assert.equal((await fetch(`${bot.url}/metrics`)).status, 404, 'not on the public listener');
      const res = await fetch(`${bot.metricsUrl}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
      const text = await res.text();
      assert.match(text, /dealbot_turns_total\{kind="message",outcome="ok"\} 1/);
      assert.match(text, /dealbot_turns_total\{kind="conversationUpdate",outcome="ok"\} 1/);
      assert.match(text, /dealbot_turns_total\{kind="other",outcome="refused"\} 1/);
      assert.match(text, /dealbot_turn_seconds_bucket\{le="\+Inf",kind="message"\} 1/);
      assert.match(text, /dealbot_store_operation_seconds_count\{operation="swap"\} [1-9]/);
      assert.match(text, /dealbot_deliveries_total\{outcome="sent"\} 1/);
      assert.match(text, /dealbot_outbox_depth 0/);
      assert.match(text, /dealbot_outbox_oldest_pending_seconds 0/);
      assert.match(text, /dealbot_desk_backlog 0/);
      assert.match(text, /dealbot_teams_429_total 0/);
      assert.doesNotMatch(text, new RegExp(`${TENANT}|${seller.who.aadObjectId}|${deal.id}`), 'no tenant, user or deal in a label');
    } finally {
      await bot.stop();
    }
  });

  it('serves no metrics at all without METRICS_PORT', async () => {
    const bot = await new BotUnderTest().start();
    try {
      assert.equal(bot.bot.metricsServer, undefined);
      assert.equal((await fetch(`${bot.url}/metrics`)).status, 404);
    } finally {
      await bot.stop();
    }
  });

  it('stops at once while a notice waits for a rate-limit slot, holding no lease on it', async () => {
    const bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV, OUTBOX_POLL: 'PT0.05S', TEAMS_LIMITS_CONVERSATION: '1/PT1H' }).start();
    const repo = new DealRepository(bot.bot.store);
    const seller = new SellerClient(bot, { tenantId: TENANT });
    await seller.install();
    const api = new ApiClient(bot.url, KEYS.reviewer);
    const deals = [];
    for (const name of ['First AB', 'Second AB']) {
      const deal = await seed(repo, {
        tenantId: TENANT,
        ownerId: seller.who.aadObjectId,
        status: 'in_review',
        companyName: name,
        minutesAgo: 1,
      });
      assert.equal((await api.request('POST', `/api/v1/deals/${deal.id}/approve`, {}, { 'if-match': '*' })).status, 200);
      deals.push(deal);
    }
    await eventually(() => seller.notifications().length === 1, 60_000, 'the first delivered');
    await new Promise((r) => setTimeout(r, 300)); // the second is now waiting for the hour's slot
    // The second notice waits an hour for its slot: stop returns without it (were it to wait, the test's own timeout ends it).
    await bot.bot.worker.stop();
    const waiting = (await Promise.all(deals.map((d) => repo.get(TENANT, d.id)))).flatMap((d) => d!.outbox).find((e) => !e.deliveredAt);
    assert.ok(waiting, 'one notice is still owed');
    assert.equal(waiting.claim, undefined, 'and no instance holds it');
    assert.equal(seller.notifications().length, 1);
    await bot.stop();
  });
});

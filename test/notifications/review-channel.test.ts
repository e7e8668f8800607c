import assert from 'node:assert/strict';
import { systemClock } from '../../src/clock.js';
import type { Deal } from '../../src/domain/deal.js';
import { owingDeskCard } from '../../src/domain/outbox.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { API_KEYS_ENV, ApiClient, KEYS } from '../support/api-client.js';
import { approveThroughRestarts } from '../support/approve-through-restarts.js';
import { assertDuplicatesOnlyAcrossKills } from '../support/at-least-once.js';
import { BotProcess } from '../support/bot-process.js';
import type { BotUnderTest } from '../support/bot-under-test.js';
import { allText, type Json } from '../support/cards.js';
import { eventually } from '../support/eventually.js';
import { FakeConnector, type Fault, type RecordedCall } from '../support/fake-connector.js';
import { registerDeal } from '../support/register-deal.js';
import { botWithReviewChat, REVIEW_CHAT } from '../support/review-chat.js';
import { seededDeal } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';
import { tempStoreUrl } from '../support/temp-store.js';
import { seededRandom, TEST_SEED } from '../support/test-seed.js';

const TENANT = 'tenant-contoso';
const cardOf = (call: RecordedCall) => (call.body.attachments as { content: Json }[] | undefined)?.[0]?.content;
/** The calls (posts and updates) that carried a deal's review card, in order. */
const cardCalls = (connector: FakeConnector, conversationId: string, dealId: string) =>
  connector.calls.filter((c) => c.conversationId === conversationId && c.method !== 'GET' && JSON.stringify(c.body).includes(dealId));
const posts = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'POST');
const times = (n: number, fault: Fault) => Array.from({ length: n }, () => ({ ...fault }));

describe('review cards through the outbox: Teams failing, the channel gone', () => {
  let bot: BotUnderTest;
  let repo: DealRepository;
  let api: ApiClient;
  before(async () => {
    bot = await botWithReviewChat(TENANT, { OUTBOX_POLL: 'PT0.1S', OUTBOX_MAX_BACKOFF: 'PT0.3S' });
    repo = new DealRepository(bot.bot.store);
    api = new ApiClient(bot.url, KEYS.reviewer);
  });
  after(async () => bot.stop());

  async function register(): Promise<Deal> {
    const seller = new SellerClient(bot, { tenantId: TENANT, name: 'Anna Svensson' });
    await registerDeal(seller);
    return (await repo.listByOwner(TENANT, seller.who.aadObjectId, 'in_review', 1))[0]!;
  }
  const settled = (dealId: string) =>
    eventually(async () => (await repo.get(TENANT, dealId))!.outbox.every((e) => e.deliveredAt), 60_000, 'every entry delivered');

  it('six 503s in a row, then five 429s with Retry-After: the card is posted, once', async () => {
    bot.connector.faults.set(REVIEW_CHAT, [...times(6, { status: 503 }), ...times(5, { status: 429, retryAfter: '0.1' })]);
    const deal = await register();
    await settled(deal.id);
    assert.equal(posts(cardCalls(bot.connector, REVIEW_CHAT, deal.id)).length, 1);
    assert.equal(bot.connector.faults.get(REVIEW_CHAT)!.length, 0, 'every fault was met');
  });

  it('a decision while the channel fails: the posted card ends showing the outcome', async () => {
    const deal = await register();
    await settled(deal.id);
    bot.connector.faults.set(REVIEW_CHAT, times(6, { status: 503 }));
    assert.equal((await api.request('POST', `/api/v1/deals/${deal.id}/approve`, {}, { 'if-match': '*' })).status, 200);
    await settled(deal.id);
    const calls = cardCalls(bot.connector, REVIEW_CHAT, deal.id);
    assert.equal(posts(calls).length, 1, 'still one card');
    assert.match(allText(cardOf(calls.at(-1)!)!), /Approved by/);
  });

  it('decided before its card was ever posted: one card, showing the outcome', async () => {
    bot.connector.faults.set(REVIEW_CHAT, times(4, { status: 503 }));
    const deal = await register();
    await api.request('POST', `/api/v1/deals/${deal.id}/decline`, { comment: 'Not a partner deal' }, { 'if-match': '*' });
    await settled(deal.id);
    const calls = cardCalls(bot.connector, REVIEW_CHAT, deal.id);
    assert.equal(posts(calls).length, 1, 'one card');
    assert.match(allText(cardOf(calls.at(-1)!)!), /Declined by/);
  });

  it('the channel gone (403): the card is kept, and posted where a reviewer claims a conversation again', async () => {
    bot.connector.faults.set(REVIEW_CHAT, [{ status: 403, code: 'BotNotInConversationRoster' }]);
    const deal = await register();
    await eventually(
      async () => (await api.request('GET', `/api/v1/routing`)).body.conversations[0].reachable === false,
      10_000,
      'the chat marked unreachable',
    );
    assert.equal((await api.request('GET', `/api/v1/deals/${deal.id}`)).body.reviewCardPending, true);
    const newChat = '19:new-deal-desk@thread.v2';
    const reviewer = new SellerClient(bot, {
      tenantId: TENANT,
      conversationId: newChat,
      conversationType: 'groupChat',
      aadObjectId: 'reviewer-1',
      userId: '29:reviewer-1',
    });
    await reviewer.say('use this chat for reviews');
    await settled(deal.id);
    assert.equal(posts(cardCalls(bot.connector, newChat, deal.id)).length, 1, 'posted in the new chat');
    assert.equal(posts(cardCalls(bot.connector, REVIEW_CHAT, deal.id)).length, 0);
  });
});

const DEALS = 60;
const KILLS = 3;

describe('review cards survive a crash at any moment', function () {
  this.timeout(180_000);
  const connector = new FakeConnector();
  before(async () => connector.start());
  after(async () => connector.stop());

  it(`${DEALS} deals entering review and decided while the chat answers 503s and 429s, SIGKILL ${KILLS} times: each card once (a duplicate only across a kill), showing its outcome`, async () => {
    const url = tempStoreUrl();
    const env = {
      STORE_URL: url,
      API_KEYS: API_KEYS_ENV,
      REVIEWERS: `${TENANT}:reviewer-1`,
      OUTBOX_POLL: 'PT0.1S',
      OUTBOX_LEASE: 'PT2S',
      OUTBOX_MAX_BACKOFF: 'PT0.5S',
    };
    let bot = await new BotProcess(env).start();
    const reviewer = new SellerClient(
      { url: bot.url, connector },
      { tenantId: TENANT, conversationId: REVIEW_CHAT, conversationType: 'groupChat', aadObjectId: 'reviewer-1', userId: '29:reviewer-1' },
    );
    await reviewer.say('use this chat for reviews');
    // Every third send fails, alternating 503 and 429: the fakes are used up send by send.
    connector.faults.set(
      REVIEW_CHAT,
      Array.from({ length: 6 * DEALS }, (_, i) =>
        i % 3 !== 0 ? { delayMs: 0 } : i % 2 === 0 ? { status: 503 } : { status: 429, retryAfter: '0.1' },
      ),
    );
    // Deals entering review: written as registering writes them, the review card owed in the same write.
    const docs = await openSqlite(url, { clock: systemClock });
    const repo = new DealRepository(docs);
    const ids: string[] = [];
    for (let i = 0; i < DEALS; i++) {
      const deal = seededDeal({
        tenantId: TENANT,
        ownerId: `owner-${i % 10}`,
        status: 'in_review',
        companyName: `Crash ${i}`,
        minutesAgo: 1,
      });
      await repo.create({ ...deal, outbox: owingDeskCard(deal, deal.updatedAt) });
      ids.push(deal.id);
    }
    await docs.close();
    const random = seededRandom();
    const killAt = new Set<number>();
    while (killAt.size < KILLS) killAt.add(1 + Math.floor(random() * (DEALS - 1)));
    process.stdout.write(`      (seed ${TEST_SEED}: kills before decisions ${[...killAt].sort((a, b) => a - b).join(', ')})\n`);
    const killedAt: number[] = [];
    for (const [i, id] of ids.entries()) {
      if (killAt.has(i)) {
        await bot.kill();
        killedAt.push(Date.now());
        bot = await new BotProcess(env).start();
      }
      await approveThroughRestarts(() => bot.url, id);
    }
    try {
      const finalCards = await eventually(
        () => {
          const last = ids.map((id) => cardCalls(connector, REVIEW_CHAT, id).at(-1));
          return last.every((call) => call && /Approved by/.test(allText(cardOf(call)!))) && last;
        },
        90_000,
        'every card showing its outcome',
      );
      const duplicates = ids.reduce((n, id) => n + posts(cardCalls(connector, REVIEW_CHAT, id)).length - 1, 0);
      process.stdout.write(`      (${finalCards.length} cards, ${duplicates} duplicates)\n`);
      for (const id of ids) assert.ok(posts(cardCalls(connector, REVIEW_CHAT, id)).length >= 1, 'every deal has its card');
      const arrivals = new Map(ids.map((id) => [`the card of ${id}`, posts(cardCalls(connector, REVIEW_CHAT, id)).map((c) => c.at)]));
      assertDuplicatesOnlyAcrossKills(arrivals, killedAt);
    } finally {
      await bot.signal('SIGTERM');
    }
  });
});

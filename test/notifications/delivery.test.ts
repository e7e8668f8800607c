import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DealRepository } from '../../src/store/deal-repository.js';
import { executeActivity, messageActivity } from '../support/activities.js';
import { API_KEYS_ENV, ApiClient, KEYS } from '../support/api-client.js';
import { BotUnderTest, postActivity } from '../support/bot-under-test.js';
import { actions, allText, type Json } from '../support/cards.js';
import { eventually } from '../support/eventually.js';
import type { Fault } from '../support/fake-connector.js';
import { seed } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';
const FAST = { API_KEYS: API_KEYS_ENV, OUTBOX_POLL: 'PT0.05S', OUTBOX_MAX_BACKOFF: 'PT0.3S', REVIEWERS: `${TENANT}:reviewer-1` };

describe('owner notifications', () => {
  let bot: BotUnderTest;
  let repo: DealRepository;
  let api: ApiClient;
  before(async () => {
    bot = await new BotUnderTest(FAST).start();
    repo = new DealRepository(bot.bot.store);
    api = new ApiClient(bot.url, KEYS.reviewer);
  });
  after(async () => bot.stop());

  const dealFor = (seller: SellerClient, companyName = 'Fabrikam AB') =>
    seed(repo, { tenantId: TENANT, ownerId: seller.who.aadObjectId, status: 'in_review', companyName, minutesAgo: 5 });
  const decide = async (dealId: string, path: string, body: object = {}) => {
    const res = await api.request('POST', `/api/v1/deals/${dealId}/${path}`, body, { 'if-match': '*' });
    assert.equal(res.status, 200);
  };
  const installed = async (who: ConstructorParameters<typeof SellerClient>[1] = {}) => {
    const seller = new SellerClient(bot, { tenantId: TENANT, ...who });
    await seller.install();
    return seller;
  };

  it('tells the owner of each decision, with the comment and the next step, exactly once', async () => {
    const seller = await installed();
    const approved = await dealFor(seller, 'Approved Oy');
    const sentBack = await dealFor(seller, 'Sent Back AB');
    await decide(approved.id, 'approve', { comment: 'Nice work' });
    await decide(sentBack.id, 'request-update', { comment: 'Fix the email', fields: ['email'] });
    const cards = await eventually(() => seller.notifications().length === 2 && seller.notifications(), 60_000, 'two notifications');
    const byText = (re: RegExp) => cards.find((c) => re.test(allText(c)))!;
    const a = byText(/was approved/);
    assert.match(allText(a), /Approved Oy/);
    assert.match(allText(a), /Deal desk's comment: \nNice work/);
    assert.deepEqual(
      actions(a).map((x) => [x.title, x.verb]),
      [['View the deal', 'deal.open']],
    );
    const u = byText(/needs an update/);
    assert.deepEqual(
      actions(u).map((x) => [x.title, x.verb]),
      [['Update the deal', 'deal.update']],
    );
    assert.match(allText(u), /To check: \nEmail/, 'the send-back names the fields to fix');
    await bot.settled();
    assert.equal(seller.notifications().length, 2, 'no repeats');
    assert.equal((await repo.get(TENANT, approved.id))?.outbox[0]?.deliveredAt !== undefined, true);
  });

  it('speaks the owner’s language', async () => {
    const seller = await installed({ locale: 'sv-SE' });
    await decide((await dealFor(seller)).id, 'decline', { comment: 'Utanför programmet' });
    const [card] = await eventually(() => seller.notifications().length === 1 && seller.notifications(), 5000);
    assert.match(allText(card!), /har avböjts/);
    assert.deepEqual(
      actions(card!).map((x) => x.title),
      ['Visa avtalet'],
    );
  });

  it('keeps notifications for an owner who never installed the bot, says so in the API, and delivers them on install', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT });
    const deal = await dealFor(seller);
    await decide(deal.id, 'approve');
    await eventually(async () => (await repo.get(TENANT, deal.id))?.outbox[0]?.waitingForOwner, 60_000, 'parked');
    const view = await api.request('GET', `/api/v1/deals/${deal.id}`);
    assert.equal(view.body.ownerReachableInTeams, false);
    assert.equal(view.body.notificationsPending, 1);
    assert.equal(seller.notifications().length, 0);
    await seller.install();
    const [card] = await eventually(() => seller.notifications().length === 1 && seller.notifications(), 60_000, 'delivered on install');
    assert.match(allText(card!), /was approved/);
    assert.equal((await api.request('GET', `/api/v1/deals/${deal.id}`)).body.ownerReachableInTeams, true);
  });

  it('sends one digest for more than three missed notifications', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT });
    const deals = await Promise.all([1, 2, 3, 4, 5].map((i) => dealFor(seller, `Missed ${i}`)));
    for (const deal of deals) await decide(deal.id, 'approve');
    await eventually(
      async () =>
        (
          await repo.getMany(
            TENANT,
            deals.map((d) => d.id),
          )
        ).every((d) => d?.outbox[0]?.waitingForOwner),
      5000,
    );
    await seller.install();
    const [digest] = await eventually(() => seller.notifications().length >= 1 && seller.notifications(), 5000);
    assert.match(allText(digest!), /While you were away: 5 updates/);
    assert.equal(actions(digest!).length, 5);
    await bot.settled();
    assert.equal(seller.notifications().length, 1, 'one card, not five');
  });

  const FAULTS: [string, Fault[], 'delivered' | 'kept'][] = [
    ['429 with Retry-After', [{ status: 429, code: 'Throttled', retryAfter: '0' }], 'delivered'],
    [
      '429 without Retry-After',
      [
        { status: 429, code: 'Throttled' },
        { status: 429, code: 'Throttled' },
        { status: 429, code: 'Throttled' },
        { status: 429, code: 'Throttled' },
      ],
      'delivered',
    ],
    ['412', [{ status: 412, code: 'PreconditionFailed' }], 'delivered'],
    ['503', [{ status: 503, code: 'ServiceUnavailable' }], 'delivered'],
    ['a slow answer', [{ delayMs: 1500 }], 'delivered'],
    ['a reset connection', [{ reset: true }], 'delivered'],
    ['403 BotNotInConversationRoster', [{ status: 403, code: 'BotNotInConversationRoster' }], 'kept'],
    ['403 ConversationBlockedByUser', [{ status: 403, code: 'ConversationBlockedByUser' }], 'kept'],
    ['403 errorCode 209 (MessageWritesBlocked)', [{ status: 403, code: 'Forbidden', errorCode: 209 }], 'kept'],
    ['404 ConversationNotFound', [{ status: 404, code: 'ConversationNotFound' }], 'kept'],
  ];
  for (const [what, faults, expected] of FAULTS) {
    it(`${what}: ${expected === 'delivered' ? 'retries and delivers once' : 'stops, keeps it, and delivers once the owner is back'}`, async () => {
      const seller = await installed();
      bot.connector.faults.set(seller.who.conversationId, [...faults]);
      const deal = await dealFor(seller);
      await decide(deal.id, 'approve');
      if (expected === 'delivered') {
        await eventually(() => seller.notifications().length === 1, 60_000, 'delivered after the fault');
      } else {
        await eventually(async () => (await repo.get(TENANT, deal.id))?.outbox[0]?.waitingForOwner, 60_000, 'kept for the owner');
        assert.equal(seller.notifications().length, 0);
        assert.equal((await api.request('GET', `/api/v1/deals/${deal.id}`)).body.ownerReachableInTeams, false);
        await seller.say('my deals'); // back in Teams: the reference is valid again
        await eventually(() => seller.notifications().length === 1, 60_000, 'delivered on return');
      }
      assert.equal(bot.connector.faults.get(seller.who.conversationId)?.length, 0, 'every fault was met');
      await bot.settled();
      assert.equal(seller.notifications().length, 1, 'exactly once');
    });
  }

  it('a message Teams redelivers is handled once', async () => {
    const seller = await installed();
    const activity = messageActivity(seller.who, bot.connector.url, 'register a deal');
    await postActivity(bot.url, activity);
    await postActivity(bot.url, activity);
    assert.equal((await repo.listByOwner(TENANT, seller.who.aadObjectId, 'incomplete', 10)).length, 1);
  });

  it('the same activity id in another conversation or tenant is a different message, and is handled', async () => {
    const first = await installed();
    const sameIdElsewhere = [new SellerClient(bot, { tenantId: TENANT }), new SellerClient(bot, { tenantId: 'tenant-fabrikam' })];
    const id = randomUUID();
    for (const seller of [first, ...sameIdElsewhere]) {
      const { status } = await postActivity(bot.url, { ...messageActivity(seller.who, bot.connector.url, 'register a deal'), id });
      assert.equal(status, 200);
    }
    for (const seller of [first, ...sameIdElsewhere]) {
      assert.equal((await repo.listByOwner(seller.who.tenantId, seller.who.aadObjectId, 'incomplete', 10)).length, 1, seller.who.tenantId);
    }
  });

  it('a decision Teams redelivers changes the deal once and notifies once', async () => {
    const seller = await installed();
    const deal = await dealFor(seller);
    const reviewer = {
      ...seller.who,
      aadObjectId: 'reviewer-1',
      userId: '29:reviewer-1',
      conversationId: 'group',
      conversationType: 'groupChat',
    };
    const invoke = executeActivity(reviewer, bot.connector.url, 'review.approve', { dealId: deal.id, version: deal.version });
    const first = await postActivity(bot.url, invoke);
    const again = await postActivity(bot.url, invoke);
    assert.match(allText((first.body as { value: Json }).value), /Approved by/);
    assert.match(allText((again.body as { value: Json }).value), /Approved already/);
    const stored = (await repo.get(TENANT, deal.id))!;
    assert.equal(stored.history.length, 3);
    assert.equal(stored.outbox.filter((e) => e.audience === 'owner').length, 1);
    await eventually(() => seller.notifications().length === 1, 5000);
  });
});

import assert from 'node:assert/strict';
import type { Deal } from '../../src/domain/deal.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { ApiClient, KEYS } from '../support/api-client.js';
import type { BotUnderTest } from '../support/bot-under-test.js';
import { actions, allText, type Json } from '../support/cards.js';
import { eventually } from '../support/eventually.js';
import { type AnswerChanges, registerDeal } from '../support/register-deal.js';
import { botWithReviewChat, REVIEW_CHAT } from '../support/review-chat.js';
import { seededDeal } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';
const NORDIC_CHAT = '19:nordic-desk@thread.v2';
const cardOf = (activity: Record<string, unknown>) => (activity.attachments as { content: Json }[])[0]!.content;
const titles = (card: Json) => actions(card).map((a) => a.title);

describe('the deal desk in Teams: queue, routing, four-eyes', () => {
  let bot: BotUnderTest;
  let repo: DealRepository;
  let api: ApiClient;
  const reviewerIn = (conversationId: string, conversationType = 'groupChat', locale = 'en-US') =>
    new SellerClient(bot, {
      tenantId: TENANT,
      conversationId,
      conversationType,
      aadObjectId: 'reviewer-1',
      userId: '29:reviewer-1',
      name: 'Rita Reviewer',
      locale,
    });

  before(async () => {
    bot = await botWithReviewChat(TENANT);
    repo = new DealRepository(bot.bot.store);
    api = new ApiClient(bot.url, KEYS.reviewer);
  });
  after(async () => bot.stop());

  async function register(change: AnswerChanges = {}): Promise<Deal> {
    const seller = new SellerClient(bot, { tenantId: TENANT, name: 'Anna Svensson' });
    await registerDeal(seller, change);
    return (await repo.listByOwner(TENANT, seller.who.aadObjectId, 'in_review', 1))[0]!;
  }
  const postedIn = (conversationId: string, dealId: string) =>
    bot.connector.sent(conversationId).filter((a) => a.attachments && JSON.stringify(cardOf(a)).includes(dealId));

  describe('the review queue', () => {
    let seeded: Deal[];
    before(async () => {
      seeded = [];
      for (let i = 0; i < 7; i++) {
        const deal = seededDeal({
          tenantId: TENANT,
          ownerId: `queue-owner-${i}`,
          status: 'in_review',
          companyName: `Queue ${i}`,
          minutesAgo: 60 * 24 * 10 - i * 60,
        });
        const fields = i === 6 ? { ...deal.fields, customer: { companyName: 'Queue 6', country: 'NO', city: 'Oslo' } } : deal.fields;
        await repo.create({ ...deal, fields });
        seeded.push({ ...deal, fields });
      }
    });

    it('"review queue" shows the oldest waits first, five to a card, paging in place, in English', async () => {
      const reviewer = reviewerIn('a:reviewer-1-personal', 'personal');
      const first = await reviewer.say('review queue');
      const text = allText(first);
      assert.match(text, /Deals to review/);
      assert.match(text, /1–5 of \d+, longest wait first/);
      assert.ok(text.indexOf('Queue 0') < text.indexOf('Queue 1'), 'oldest first');
      assert.match(text, /waiting 10 days/);
      assert.match(text, /a year/);
      assert.equal(titles(first).filter((t) => t === 'Open').length, 5);
      const next = await reviewer.click(first, 'Next');
      assert.match(allText(next), /6–\d+ of \d+/);
      assert.match(allText(await reviewer.click(next, 'Previous')), /1–5 of/);
    });

    it('filters by country/region and by solution, and clears them', async () => {
      const reviewer = reviewerIn(REVIEW_CHAT);
      const queue = await reviewer.say('deals to review');
      const norway = await reviewer.click(queue, 'Filter', { country: 'NO' });
      assert.match(allText(norway), /Queue 6/);
      assert.doesNotMatch(allText(norway), /Queue 0/);
      assert.match(allText(norway), /1–1 of 1/);
      const none = await reviewer.click(queue, 'Filter', { solution: 'contoso-secure-backup' });
      assert.match(allText(none), /No deals waiting for review match these filters/);
      assert.match(allText(await reviewer.click(norway, 'Clear filters')), /1–5 of/);
    });

    it('opens a deal from the queue as its review card with the decision buttons, and back', async () => {
      const reviewer = reviewerIn('a:reviewer-1-personal', 'personal');
      const queue = await reviewer.click(await reviewer.say('review queue'), 'Filter', { country: 'NO' });
      const opened = await reviewer.click(queue, 'Open');
      assert.match(allText(opened), /Queue 6/);
      assert.deepEqual(titles(opened), ['Approve', 'Decline', 'Request update', 'Back to the queue']);
      const approved = await reviewer.click(opened, 'Approve');
      assert.match(allText(approved), /Approved by Rita Reviewer/);
      assert.match(allText(await reviewer.click(approved, 'Back to the queue')), /Deals to review/);
    });

    it('speaks Swedish: "granskningskö"', async () => {
      const reviewer = reviewerIn('a:reviewer-1-personal-sv', 'personal', 'sv-SE');
      const queue = await reviewer.say('Granskningskön');
      assert.match(allText(queue), /Avtal att granska/);
      assert.match(allText(queue), /längst väntetid först/);
      assert.match(allText(queue), /väntar 10 dygn/);
      assert.match(allText(await reviewer.click(queue, 'Filtrera', { country: 'SE' })), /1–5 av \d+/);
    });

    it('a reviewer’s own deal shows no decisions, and says why', async () => {
      const own = seededDeal({ tenantId: TENANT, ownerId: 'reviewer-1', status: 'in_review', companyName: 'Own Deal AB', minutesAgo: 0 });
      await repo.create(own);
      const reviewer = reviewerIn('a:reviewer-1-own', 'personal');
      await reviewer.say('help'); // in English, whatever this reviewer wrote in before
      const { card } = await reviewer.execute('review.refresh', { dealId: own.id });
      assert.match(allText(card), /This is your own deal: another reviewer decides it \(four eyes\)\./);
      assert.ok(!actions(card).some((a) => a.title === 'Approve'), 'no decision buttons');
      await repo.remove(own);
    });

    it('refuses anyone who is not a reviewer, politely, in their language', async () => {
      const seller = new SellerClient(bot, { tenantId: TENANT });
      assert.match(allText(await seller.say('review queue')), /Only the deal desk can open the review queue.*"my deals"/);
      const svensk = new SellerClient(bot, { tenantId: TENANT, locale: 'sv-SE' });
      assert.match(allText(await svensk.say('granskningskö')), /Granskningskön är för avtalsdesken/);
      const forged = await seller.execute('queue.open', { dealId: seeded[0]!.id });
      assert.doesNotMatch(allText(forged.card), /Queue 0/);
    });
  });

  describe('routing', () => {
    it('rules over the API: a bad body and an unclaimed conversation are refused with 400 problem+json', async () => {
      const bad = await api.request('PUT', '/api/v1/routing', { rules: [{ conversation: 'Nordic', countries: ['XX'] }] });
      assert.equal(bad.status, 400);
      assert.match(JSON.stringify(bad.body.errors), /rules\.0\.countries/);
      const unclaimed = await api.request('PUT', '/api/v1/routing', { rules: [{ conversation: 'Nordic', countries: ['NO'] }] });
      assert.equal(unclaimed.status, 400);
      assert.match(unclaimed.body.detail, /use this channel for reviews as Nordic/);
      assert.equal((await new ApiClient(bot.url, KEYS.integration).request('GET', '/api/v1/routing')).status, 403);
    });

    it('deals land in the conversation their first matching rule names; the rest in the default one', async () => {
      const nordic = reviewerIn(NORDIC_CHAT);
      assert.match(allText(await nordic.say('use this chat for reviews as Nordic')), /review conversation "Nordic"/);
      const put = await api.request('PUT', '/api/v1/routing', { rules: [{ conversation: 'nordic', countries: ['NO', 'DK', 'FI'] }] });
      assert.equal(put.status, 200);
      assert.deepEqual(put.body.conversations.map((c: { name: string }) => c.name).sort(), ['Nordic', 'default']);
      assert.deepEqual((await api.request('GET', '/api/v1/routing')).body.rules, put.body.rules);
      const norwegian = await register({ customer: { country: 'NO', city: 'Oslo' }, contact: { phone: '+47 22 12 34 56' } });
      const swedish = await register();
      await eventually(() => postedIn(NORDIC_CHAT, norwegian.id).length === 1, 60_000, 'the Norwegian deal in the Nordic chat');
      await eventually(() => postedIn(REVIEW_CHAT, swedish.id).length === 1, 60_000, 'the Swedish deal in the default chat');
      assert.equal(postedIn(REVIEW_CHAT, norwegian.id).length, 0);
      assert.equal((await api.request('GET', `/api/v1/deals/${norwegian.id}`)).body.review.conversation, 'nordic');
      await api.request('PUT', '/api/v1/routing', { rules: [] });
    });

    it('has an ETag; of twenty changes sent at once with the same If-Match, exactly one is made', async () => {
      const read = await api.request('GET', '/api/v1/routing');
      const etag = read.headers.get('etag')!;
      assert.match(etag, /^"[0-9a-f]{16}"$/);
      const puts = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          api.request(
            'PUT',
            '/api/v1/routing',
            { rules: [{ conversation: 'default', countries: ['SE'], annualValue: { currency: 'SEK', min: String(1000 + i) } }] },
            { 'if-match': etag },
          ),
        ),
      );
      assert.deepEqual(puts.map((p) => p.status).sort(), [200, ...Array(19).fill(412)]);
      const won = puts.find((p) => p.status === 200)!;
      assert.notEqual(won.headers.get('etag'), etag, 'a new ETag for the new rules');
      assert.equal(puts.find((p) => p.status === 412)!.headers.get('etag'), won.headers.get('etag'), 'a 412 tells the current one');
      assert.equal(
        (await api.request('PUT', '/api/v1/routing', { rules: [] }, { 'if-match': 'W/"abc"' })).status,
        412,
        'weak: never matches',
      );
      assert.equal((await api.request('PUT', '/api/v1/routing', { rules: [] }, { 'if-match': 'abc' })).status, 400);
      assert.equal((await api.request('PUT', '/api/v1/routing', { rules: [] }, { 'if-match': '*' })).status, 200);
    });

    it('changing the rules never loses a card already owed: it goes where the deal was routed', async () => {
      await api.request('PUT', '/api/v1/routing', { rules: [{ conversation: 'Nordic', countries: ['NO'] }] });
      bot.connector.faults.set(NORDIC_CHAT, [{ status: 503 }, { status: 503 }, { status: 503 }]);
      const owed = await register({ customer: { country: 'NO', city: 'Bergen' }, contact: { phone: '+47 22 12 34 56' } });
      assert.equal((await api.request('PUT', '/api/v1/routing', { rules: [] })).status, 200);
      await eventually(() => postedIn(NORDIC_CHAT, owed.id).length === 1, 60_000, 'the card in the Nordic chat');
      assert.equal(postedIn(REVIEW_CHAT, owed.id).length, 0);
    });
  });

  describe('four-eyes', () => {
    before(async () => {
      const rules = [{ conversation: 'default', annualValue: { currency: 'SEK', min: '300000' }, approvals: 2 }];
      assert.equal((await api.request('PUT', '/api/v1/routing', { rules })).status, 200);
    });
    after(async () => api.request('PUT', '/api/v1/routing', { rules: [] }));

    it('a large deal needs two different reviewers: the same one twice is refused; the owner hears once, at the end', async () => {
      const deal = await register(); // 1.2 MSEK over 3 years: 400,000 a year
      const first = await api.request('POST', `/api/v1/deals/${deal.id}/approve`, {}, { 'if-match': '*' });
      assert.equal(first.status, 200);
      assert.equal(first.body.status, 'in_review');
      assert.equal(first.body.review.approvalsRequired, 2);
      assert.equal(first.body.review.approvals.length, 1);
      assert.equal(first.body.history.at(-1).kind, 'approval');
      const again = await api.request('POST', `/api/v1/deals/${deal.id}/approve`, {}, { 'if-match': '*' });
      assert.equal(again.status, 409);
      assert.equal(again.body.type.endsWith('second-approval-needed'), true);
      await eventually(
        async () => {
          const card = bot.connector
            .updated(REVIEW_CHAT)
            .filter((c) => JSON.stringify(c.body).includes(deal.id))
            .at(-1);
          return card && /Approvals: \n?1 of 2/.test(allText(cardOf(card.body)));
        },
        10_000,
        'the card says 1 of 2',
      );
      // The second approval, from a reviewer in Teams, on the card.
      const reviewer = reviewerIn(REVIEW_CHAT);
      const mine = (await reviewer.execute('review.refresh', { dealId: deal.id })).card;
      const done = await reviewer.click(mine, 'Approve');
      assert.match(allText(done), /Approved by Rita Reviewer/);
      const stored = (await repo.get(TENANT, deal.id))!;
      assert.equal(stored.status, 'approved');
      assert.equal(stored.outbox.filter((e) => e.audience === 'owner').length, 1, 'the owner is told once, at the final decision');
    });

    it('a decline after one approval ends it; a small deal needs one approval', async () => {
      const large = await register();
      await api.request('POST', `/api/v1/deals/${large.id}/approve`, {}, { 'if-match': '*' });
      const declined = await api
        .as(KEYS.reviewerNext)
        .request('POST', `/api/v1/deals/${large.id}/decline`, { comment: 'Not ours' }, { 'if-match': '*' });
      assert.equal(declined.body.status, 'declined');
      const small = await register({ value: { totalValue: '90000', solutionValue: '80000' } });
      assert.equal((await api.request('POST', `/api/v1/deals/${small.id}/approve`, {}, { 'if-match': '*' })).body.status, 'approved');
    });
  });
});

import assert from 'node:assert/strict';
import { DealRepository } from '../../src/store/deal-repository.js';
import { API_KEYS_ENV } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { actions, allText, type Json } from '../support/cards.js';
import { eventually } from '../support/eventually.js';
import { REVIEW_CHAT } from '../support/review-chat.js';
import { seededDeal } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';
import { tempStoreUrl } from '../support/temp-store.js';

const TENANT = 'tenant-contoso';
const cardOf = (a: Record<string, unknown>) => (a.attachments as { content: Json }[] | undefined)?.[0]?.content;

describe('waiting-time digests in the review conversation', () => {
  const bots: BotUnderTest[] = [];
  after(async () => Promise.all(bots.map((b) => b.stop())));

  it('names the deals waiting too long, oldest first, each with Open: once a day, with two instances scanning', async () => {
    const url = tempStoreUrl();
    // Two instances on one store, both scanning five times a second.
    const env = {
      STORE_URL: url,
      API_KEYS: API_KEYS_ENV,
      REVIEWERS: `${TENANT}:reviewer-1`,
      REVIEW_REMINDER_AFTER: 'PT1S',
      OUTBOX_POLL: 'PT0.1S',
    };
    for (let i = 0; i < 2; i++) bots.push(await new BotUnderTest(env).start());
    const [one] = bots as [BotUnderTest];
    const reviewer = new SellerClient(one, {
      tenantId: TENANT,
      conversationId: REVIEW_CHAT,
      conversationType: 'groupChat',
      aadObjectId: 'reviewer-1',
      userId: '29:reviewer-1',
    });
    const repo = new DealRepository(one.bot.store);
    const older = seededDeal({
      tenantId: TENANT,
      ownerId: 'o1',
      status: 'in_review',
      companyName: 'Waited Longest AB',
      minutesAgo: 60 * 72,
    });
    const newer = seededDeal({ tenantId: TENANT, ownerId: 'o2', status: 'in_review', companyName: 'Waited Less AB', minutesAgo: 60 * 50 });
    await repo.create(newer);
    await repo.create(older);
    await reviewer.say('use this chat for reviews');
    const digests = () =>
      one.connector
        .sent(REVIEW_CHAT)
        .map(cardOf)
        .filter((c): c is Json => c !== undefined && /have waited for review/.test(allText(c)));
    const digest = await eventually(() => digests()[0], 60_000, 'a digest');
    const text = allText(digest);
    assert.match(text, /2 deals have waited for review for more than 1 second/);
    assert.ok(text.indexOf('Waited Longest AB') < text.indexOf('Waited Less AB'), 'oldest first');
    assert.match(text, /waiting 3 days/);
    assert.deepEqual(
      actions(digest).map((a) => a.title),
      ['Open', 'Open', 'Open the review queue'],
    );
    const opened = await reviewer.click(digest, 'Open');
    assert.match(allText(opened), /Waited Longest AB/);
    // Later the same day (UTC, the claimer's zone here), both instances scan and deliver again: nothing new.
    const now = one.clock.now();
    const toMidnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime();
    for (const bot of bots) await bot.settled(Math.min(3_600_000, toMidnight - 60_000));
    assert.equal(digests().length, 1, 'once a day per conversation');
  });
});

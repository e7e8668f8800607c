import assert from 'node:assert/strict';
import { DealRepository } from '../../src/store/deal-repository.js';
import { STEP_ORDER, validAnswers } from '../support/answers.js';
import { ApiClient, KEYS } from '../support/api-client.js';
import type { BotUnderTest } from '../support/bot-under-test.js';
import { allText, errorUnder, type Json } from '../support/cards.js';
import { daysFromToday } from '../support/dates.js';
import { eventually } from '../support/eventually.js';
import { botWithReviewChat, REVIEW_CHAT } from '../support/review-chat.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';
const GROUP = REVIEW_CHAT;

describe('asking the deal desk for an exception to the registration window', () => {
  let bot: BotUnderTest;
  let repo: DealRepository;
  before(async () => {
    bot = await botWithReviewChat(TENANT);
    repo = new DealRepository(bot.bot.store);
  });
  after(async () => bot.stop());

  it('turns the window refusal into a request the desk sees, decides and can approve', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT });
    const answers = validAnswers();
    let card: Json = await seller.say('register a deal');
    for (const step of STEP_ORDER.slice(0, 4)) card = await seller.click(card, 'Next', answers[step]);
    const late = { ...answers.dates, signedDate: daysFromToday(-75), startDate: daysFromToday(-75) };
    card = await seller.click(card, 'Next', late);
    assert.match(errorUnder(card, 'signedDate') ?? '', /Ask the deal desk for an exception/);
    assert.match(allText(card), /Ask the deal desk for an exception: why should this deal be registered anyway\?/, 'a way to ask');
    card = await seller.click(card, 'Next', { ...late, exceptionReason: 'The customer signed late because of their board meeting.' });
    assert.match(allText(card), /Step 6 of 6/, 'the window no longer refuses it');
    card = await seller.click(card, 'Next', answers.contact);
    assert.match(allText(card), /Exception requested: \nThe customer signed late because of their board meeting\./);
    card = await seller.click(card, 'Register');
    assert.match(allText(card), /Status: In review/);

    const [deal] = await repo.listByOwner(TENANT, seller.who.aadObjectId, 'in_review', 1);
    const cardText = (a: Record<string, unknown>) => allText((a.attachments as { content: Json }[])[0]!.content);
    await eventually(
      () => bot.connector.sent(GROUP).some((a) => a.attachments && /Exception requested: \nThe customer signed late/.test(cardText(a))),
      10_000,
      'the review card posted',
    );
    const api = new ApiClient(bot.url, KEYS.reviewer);
    const read = await api.request('GET', `/api/v1/deals/${deal!.id}`);
    assert.equal(read.body.exception.reason, 'The customer signed late because of their board meeting.');
    const approved = await api.request(
      'POST',
      `/api/v1/deals/${deal!.id}/approve`,
      { comment: 'Exception granted' },
      { 'if-match': read.headers.get('etag')! },
    );
    assert.equal(approved.status, 200);
    assert.equal(approved.body.status, 'approved');
  });

  it('without a reason the window still refuses, and a reason too long is refused with its limit', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT });
    const answers = validAnswers();
    let card: Json = await seller.say('register a deal');
    for (const step of STEP_ORDER.slice(0, 4)) card = await seller.click(card, 'Next', answers[step]);
    const late = { ...answers.dates, signedDate: daysFromToday(-75) };
    card = await seller.click(card, 'Next', { ...late, exceptionReason: '   ' });
    assert.match(errorUnder(card, 'signedDate') ?? '', /more than 60 days ago/);
    card = await seller.click(card, 'Next', { ...late, exceptionReason: 'x'.repeat(1001) });
    assert.match(errorUnder(card, 'exceptionReason') ?? '', /at most 1000 characters/);
  });
});

import assert from 'node:assert/strict';
import { DealRepository } from '../../src/store/deal-repository.js';
import { STEP_ORDER, validAnswers } from '../support/answers.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { actions, allText, inputValues, type Json } from '../support/cards.js';
import { daysFromToday } from '../support/dates.js';
import { SellerClient } from '../support/seller-client.js';

const LANGUAGES = {
  en: {
    locale: 'en-US',
    start: 'register a deal',
    next: 'Next',
    register: 'Register',
    stepTitle: (n: number) => `Step ${n} of 6`,
    total: '1,200,000.50',
    expect: ['Fabrikam AB', 'Sweden', 'SEK 1,200,000.50', 'SEK 800,000.00', 'Annual contract value', 'In review'],
  },
  sv: {
    locale: 'sv-SE',
    start: 'registrera ett avtal',
    next: 'Nästa',
    register: 'Registrera',
    stepTitle: (n: number) => `Steg ${n} av 6`,
    total: '1 200 000,50',
    expect: ['Fabrikam AB', 'Sverige', '1 200 000,50 SEK', '800 000,00 SEK', 'Årligt kontraktsvärde', 'Granskas'],
  },
} as const;

describe('registering a deal over HTTP, as Teams sends it', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest().start();
  });
  after(async () => bot.stop());

  it('welcomes a new user with Register a deal, My deals and My pipeline', async () => {
    const seller = new SellerClient(bot);
    const card = await seller.install();
    assert.match(allText(card), /Register the deals you have won/);
    assert.deepEqual(
      actions(card).map((a) => a.title),
      ['Register a deal', 'Continue my draft', 'My deals', 'My pipeline'],
    );
  });

  for (const [language, l] of Object.entries(LANGUAGES)) {
    it(`walks a seller through every step to In review, in ${language}`, async () => {
      const seller = new SellerClient(bot, { locale: l.locale });
      const answers = validAnswers();
      answers.value!.totalValue = l.total;
      let card: Json = await seller.say(l.start);
      for (const [index, step] of STEP_ORDER.entries()) {
        assert.match(allText(card), new RegExp(l.stepTitle(index + 1)), `step ${step}`);
        card = await seller.click(card, l.next, answers[step]);
      }
      const summary = allText(card);
      for (const expected of l.expect.slice(0, 5)) assert.ok(summary.includes(expected), `summary shows ${expected}:\n${summary}`);
      card = await seller.click(card, l.register);
      const registered = allText(card);
      assert.ok(registered.includes(l.expect[5]), `read-only summary says ${l.expect[5]}`);
      assert.deepEqual(
        actions(card).map((a) => a.verb),
        ['deal.reply', 'deal.withdraw', 'deals.page'],
        'a registered deal: reply to the desk, withdraw, or back to the list',
      );

      const repo = new DealRepository(bot.bot.store);
      const [deal] = await repo.listByOwner(seller.who.tenantId, seller.who.aadObjectId, 'in_review', 5);
      assert.ok(deal, 'the deal is stored In review');
      assert.equal(deal.fields.value?.totalValue, '1200000.5');
      assert.equal(deal.fields.contact?.phone, '+46812345678');
      assert.deepEqual(
        deal.history.map((h) => [h.from, h.to, h.by]),
        [
          [null, 'incomplete', seller.who.aadObjectId],
          ['incomplete', 'in_review', seller.who.aadObjectId],
        ],
      );
    });
  }

  it('logs ids and outcomes, never what the seller typed', () => {
    const logs = bot.logs.lines.join('\n');
    assert.match(logs, /"msg":"deal registered"/);
    assert.match(logs, /"activityId":/);
    for (const personal of ['Fabrikam', 'anna@fabrikam.example', '46812345678', '123 456 78', 'Svensson', 'Stockholm']) {
      assert.ok(!logs.includes(personal), `the logs contain ${personal}`);
    }
  });

  it('prefills the registration contact from the Teams profile', async () => {
    const seller = new SellerClient(bot);
    bot.connector.members.set(seller.who.userId, { givenName: 'Anna-Karin', surname: 'Lind', email: 'ak@fabrikam.example' });
    let card = await seller.say('new deal');
    const answers = validAnswers();
    for (const step of STEP_ORDER.slice(0, 5)) card = await seller.click(card, 'Next', answers[step]);
    assert.deepEqual(inputValues(card), { firstName: 'Anna-Karin', lastName: 'Lind', phone: '', email: 'ak@fabrikam.example' });
  });

  it('falls back to the display name when Teams has no profile to give', async () => {
    const seller = new SellerClient(bot, { name: 'Karl Johan Berg' });
    let card = await seller.say('new deal');
    const answers = validAnswers();
    for (const step of STEP_ORDER.slice(0, 5)) card = await seller.click(card, 'Next', answers[step]);
    assert.equal(inputValues(card).firstName, 'Karl Johan');
    assert.equal(inputValues(card).lastName, 'Berg');
  });
});

describe('pay-as-you-go dates', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest().start();
  });
  after(async () => bot.stop());

  it('asks the first invoice date once and uses it as both the start and the signed date', async () => {
    const seller = new SellerClient(bot);
    const answers = validAnswers();
    let card = await seller.say('register a deal');
    for (const step of STEP_ORDER.slice(0, 4)) {
      card = await seller.click(card, 'Next', step === 'value' ? { ...answers.value, billingModel: 'payg' } : answers[step]);
    }
    assert.equal(Object.hasOwn(inputValues(card), 'signedDate'), false, 'no second date to disagree with the first');
    const firstInvoice = daysFromToday(-20);
    card = await seller.click(card, 'Next', { startDate: firstInvoice, endKind: 'perpetual', endDate: '' });
    card = await seller.click(card, 'Next', answers.contact);
    card = await seller.click(card, 'Register');
    const text = allText(card);
    assert.match(text, /Status: In review/);
    const dates = [...text.matchAll(/Date of the first invoice[^\n]*\n([^\n]+)/g)].map((m) => m[1]);
    assert.equal(dates.length, 1, `one row for the one date: ${dates.join(', ')}`);
    assert.match(text, /Date of the first invoice \(contract start and signed date\)/);
  });
});

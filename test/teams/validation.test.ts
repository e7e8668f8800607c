import assert from 'node:assert/strict';
import { STEP_ORDER, validAnswers } from '../support/answers.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { allText, errorUnder, inputValues, type Json } from '../support/cards.js';
import { daysFromToday } from '../support/dates.js';
import { SellerClient } from '../support/seller-client.js';

type Step = (typeof STEP_ORDER)[number];

/** Each rule: the step, what the seller types wrong, the field marked, and the message in English and Swedish. */
const RULES: [Step, Record<string, string>, string, string, string][] = [
  ['customer', { companyName: '' }, 'companyName', 'Please fill in this field.', 'Fyll i det här fältet.'],
  ['customer', { companyName: 'x'.repeat(258) }, 'companyName', 'at most 200 characters', 'högst 200 tecken'],
  ['customer', { companyName: 'Evil\u202eCorp' }, 'companyName', 'invisible control characters', 'osynliga styrtecken'],
  ['customer', { country: 'ZZ' }, 'country', 'choose a country or region', 'Välj ett land eller en region'],
  ['customer', { country: 'US', state: '' }, 'state', 'state or province', 'delstat eller provins'],
  ['solution', { solutionId: 'not-in-catalogue' }, 'solutionId', 'ask the person who runs Dealbot', 'be den som sköter Dealbot'],
  ['solution', { contractType: '' }, 'contractType', 'choose one of the options', 'Välj ett av alternativen'],
  ['value', { totalValue: 'a lot' }, 'totalValue', 'amount in numbers', 'beloppet med siffror'],
  ['value', { totalValue: '0' }, 'totalValue', 'more than zero', 'större än noll'],
  ['value', { currency: 'JPY', totalValue: '1000.5' }, 'totalValue', '0 decimal places', 'högst 0 decimaler'],
  ['value', { solutionValue: '9,999,999' }, 'solutionValue', "can't be more than the total", 'inte vara större än det totala'],
  ['value', { currency: 'BTC' }, 'currency', 'choose a currency', 'Välj en valuta'],
  ['deployment', { deployedOn: '' }, 'deployedOn', 'choose one of the options', 'Välj ett av alternativen'],
  ['dates', { startDate: '2026-02-30' }, 'startDate', 'real date', 'datum som finns'],
  ['dates', { startDate: 'tomorrow' }, 'startDate', 'real date', 'datum som finns'],
  ['dates', { endKind: 'date', endDate: '' }, 'endDate', 'or choose Perpetual', 'eller välj Permanent'],
  ['dates', { endDate: daysFromToday(-30) }, 'endDate', 'before the start date', 'före startdatumet'],
  ['dates', { signedDate: daysFromToday(2) }, 'signedDate', "can't be in the future", 'inte ligga i framtiden'],
  ['dates', { signedDate: daysFromToday(-61) }, 'signedDate', 'Ask the deal desk for an exception', 'Be avtalsdesken om ett undantag'],
  ['dates', { startDate: daysFromToday(-91) }, 'startDate', 'more than 90 days ago', 'mer än 90 dagar sedan'],
  ['contact', { phone: '123' }, 'phone', 'valid phone number', 'giltigt telefonnummer'],
  ['contact', { email: 'anna@@fabrikam' }, 'email', 'valid email address', 'giltig e-postadress'],
  ['contact', { lastName: '   ' }, 'lastName', 'Please fill in this field.', 'Fyll i det här fältet.'],
];

describe('the registration contact’s phone, read where the seller’s organisation is', () => {
  let bot: BotUnderTest;
  let configured: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest().start();
    configured = await new BotUnderTest({ ORGANISATION_COUNTRY: 'SE,tenant-us:US' }).start();
  });
  after(async () => Promise.all([bot.stop(), configured.stop()]));

  async function contactStep(target: BotUnderTest, who: ConstructorParameters<typeof SellerClient>[1], next: string) {
    const seller = new SellerClient(target, who);
    const answers = validAnswers();
    let card = await seller.say('register a deal');
    for (const s of STEP_ORDER.slice(0, 5)) card = await seller.click(card, next, answers[s]);
    return { seller, card };
  }

  it('takes a US colleague’s national number on a Swedish customer’s deal when the seller works in the US', async () => {
    const { seller, card } = await contactStep(bot, { locale: 'en-US' }, 'Next');
    const summary = await seller.click(card, 'Next', { ...validAnswers().contact, phone: '(425) 555-0100' });
    assert.match(allText(summary), /Check your deal/);
    assert.match(allText(summary), /\+1 425 555 0100/);
  });

  it('takes the customer’s national number too, and its hint follows the customer’s country', async () => {
    const { seller, card } = await contactStep(bot, { locale: 'en-US' }, 'Next');
    const refused = await seller.click(card, 'Next', { ...validAnswers().contact, phone: '12' });
    assert.match(errorUnder(refused, 'phone') ?? '', /such as \+46 70 123 45 67\./, 'a Swedish customer: a Swedish example');
    const summary = await seller.click(refused, 'Next', { ...validAnswers().contact, phone: '070-123 45 67' });
    assert.match(allText(summary), /Check your deal/);
    assert.match(allText(summary), /\+46 70 123 45 67/);
  });

  it('reads it in the configured organisation country, per tenant, and takes any + number', async () => {
    const swedish = await contactStep(configured, { locale: 'en-US', tenantId: 'tenant-se' }, 'Next');
    const refused = await swedish.seller.click(swedish.card, 'Next', { ...validAnswers().contact, phone: '(425) 555-0100' });
    assert.match(errorUnder(refused, 'phone') ?? '', /valid phone number/);
    assert.match(
      allText(await swedish.seller.click(refused, 'Next', { ...validAnswers().contact, phone: '+1 425 555 0100' })),
      /Check your deal/,
    );
    const us = await contactStep(configured, { locale: 'sv-SE', tenantId: 'tenant-us' }, 'Nästa');
    assert.match(
      allText(await us.seller.click(us.card, 'Nästa', { ...validAnswers().contact, phone: '(425) 555-0100' })),
      /Kontrollera avtalet/,
    );
  });
});

describe('the catalogue hint with SUPPORT_CONTACT', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest({ SUPPORT_CONTACT: 'Partner Ops (ops@fabrikam.example)' }).start();
  });
  after(async () => bot.stop());

  it('names the support contact on the solution step and in its error, in both languages', async () => {
    for (const [locale, next] of [
      ['en-US', 'Next'],
      ['sv-SE', 'Nästa'],
    ] as const) {
      const seller = new SellerClient(bot, { locale });
      let card = await seller.say('register a deal');
      card = await seller.click(card, next, validAnswers().customer);
      assert.match(allText(card), /Partner Ops \(ops@fabrikam\.example\)/);
      const refused = await seller.click(card, next, { ...validAnswers().solution, solutionId: 'not-in-catalogue' });
      assert.match(errorUnder(refused, 'solutionId') ?? '', /Partner Ops/);
    }
  });
});

describe('every bad answer, over HTTP, gets a specific message at its field', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest().start();
  });
  after(async () => bot.stop());

  async function reachStep(seller: SellerClient, step: Step, next: string): Promise<Json> {
    const answers = validAnswers();
    let card = await seller.say('register a deal');
    for (const s of STEP_ORDER.slice(0, STEP_ORDER.indexOf(step))) card = await seller.click(card, next, answers[s]);
    return card;
  }

  for (const [language, locale, next] of [
    ['English', 'en-US', 'Next'],
    ['Swedish', 'sv-SE', 'Nästa'],
  ] as const) {
    for (const [step, typed, field, en, sv] of RULES) {
      it(`${language}: ${step} ${JSON.stringify(typed).slice(0, 50)}`, async () => {
        const seller = new SellerClient(bot, { locale });
        const card = await reachStep(seller, step, next);
        const answers = { ...validAnswers()[step], ...typed };
        const again = await seller.click(card, next, answers);
        const message = errorUnder(again, field);
        assert.ok(message?.includes(language === 'English' ? en : sv), `under ${field}: ${message}`);
        assert.match(allText(again), language === 'English' ? /Please fix the fields marked below/ : /Rätta fälten/);
        // A window refusal adds the exception request's reason, empty: not something the seller typed.
        const { exceptionReason: _offered, ...kept } = inputValues(again);
        assert.deepEqual(kept, { ...inputValues(card), ...answers }, 'what the seller typed is kept');
      });
    }
  }
});

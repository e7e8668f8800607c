import assert from 'node:assert/strict';
import { countryFromTyped } from '../../src/domain/countries.js';
import { currencyOfCountry } from '../../src/domain/country-currency.js';
import { CURRENCIES, currencyFromTyped } from '../../src/domain/money.js';
import { STEP_ORDER, validAnswers } from '../support/answers.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { allText, inputValues, type Json } from '../support/cards.js';
import { SellerClient } from '../support/seller-client.js';

/** The Input.ChoiceSet of a card with this id. */
function choiceSet(card: Json, id: string): Json {
  let found: Json | undefined;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (n.type === 'Input.ChoiceSet' && n.id === id) found = n;
      for (const value of Object.values(n)) walk(value);
    }
  };
  walk(card.body);
  if (!found) throw new Error(`no choice set ${id}`);
  return found;
}
/** What Teams' filtered choice set shows for what was typed: the titles containing it. */
const filter = (set: Json, typed: string) =>
  (set.choices as { title: string; value: string }[])
    .filter((c) => c.title.toLowerCase().includes(typed.toLowerCase()))
    .map((c) => c.value);

describe('choosing a country and a currency', () => {
  it('offers currencies in circulation only: no funds, metals or units', () => {
    for (const code of ['USN', 'CHE', 'BOV', 'CLF', 'COU', 'MXV', 'UYI', 'UYW', 'XAU', 'XDR', 'XTS'])
      assert.ok(!CURRENCIES.includes(code), code);
    for (const code of ['SEK', 'EUR', 'USD', 'CHF', 'XOF', 'XAF', 'XCD']) assert.ok(CURRENCIES.includes(code), code);
  });

  it('knows each customer country’s own currency', () => {
    assert.deepEqual(['SE', 'NO', 'DK', 'FI', 'US', 'GB', 'CH', 'JP', 'SN'].map(currencyOfCountry), [
      'SEK',
      'NOK',
      'DKK',
      'EUR',
      'USD',
      'GBP',
      'CHF',
      'JPY',
      'XOF',
    ]);
  });

  it('reads a country or currency typed instead of picked', () => {
    for (const [typed, code] of [
      ['se', 'SE'],
      ['SWE', 'SE'],
      ['Sverige', 'SE'],
      ['sweden', 'SE'],
      ['UK', 'GB'],
      ['usa', 'US'],
      ['United States', 'US'],
      ['Tyskland', 'DE'],
    ] as const) {
      assert.equal(countryFromTyped(typed, 'sv-SE'), code, typed);
    }
    assert.equal(countryFromTyped('Atlantis'), undefined);
    for (const [typed, code] of [
      ['sek', 'SEK'],
      ['Swedish krona', 'SEK'],
      ['svensk krona', 'SEK'],
      ['euro', 'EUR'],
    ] as const) {
      assert.equal(currencyFromTyped(typed, 'sv-SE'), code, typed);
    }
  });

  describe('on the cards', () => {
    let bot: BotUnderTest;
    before(async () => {
      bot = await new BotUnderTest().start();
    });
    after(async () => bot.stop());

    it('filters countries by local name, English name and ISO codes', async () => {
      for (const [locale, said] of [
        ['en-US', 'register a deal'],
        ['sv-SE', 'registrera ett avtal'],
      ] as const) {
        const card = await new SellerClient(bot, { locale }).say(said);
        const countries = choiceSet(card, 'country');
        assert.equal(countries.style, 'filtered');
        const typings =
          locale === 'sv-SE'
            ? [
                ['swe', 'SE'],
                ['usa', 'US'],
                ['UK', 'GB'],
                ['Sverige', 'SE'],
                ['Sweden', 'SE'],
              ]
            : [
                ['swe', 'SE'],
                ['usa', 'US'],
                ['UK', 'GB'],
              ];
        for (const [typed, code] of typings as [string, string][]) {
          assert.ok(filter(countries, typed).includes(code), `${locale}: "${typed}" finds ${code}`);
        }
      }
    });

    it('starts the currency at the customer country’s, filtered, with the tenant’s recent ones first; a typed code is understood', async () => {
      const answers = validAnswers();
      const first = new SellerClient(bot, { tenantId: 'tenant-choices' });
      let card = await first.say('register a deal');
      card = await first.click(card, 'Next', { ...answers.customer, country: 'NO' });
      card = await first.click(card, 'Next', answers.solution);
      const currencies = choiceSet(card, 'currency');
      assert.equal(currencies.style, 'filtered');
      assert.equal(inputValues(card).currency, 'NOK', 'a Norwegian customer starts at NOK');
      card = await first.click(card, 'Next', { ...answers.value, currency: 'chf' });
      assert.match(allText(card), /Step 4 of 6/, 'typed "chf" without picking is understood');

      const second = new SellerClient(bot, { tenantId: 'tenant-choices' });
      card = await second.say('register a deal');
      for (const step of STEP_ORDER.slice(0, 2)) card = await second.click(card, 'Next', answers[step]);
      const offered = (choiceSet(card, 'currency').choices as { value: string }[]).map((c) => c.value);
      assert.equal(offered[0], 'CHF', 'the tenant’s latest currency first');
      assert.equal(inputValues(card).currency, 'SEK', 'still defaulted from the (Swedish) customer');
    });
  });
});

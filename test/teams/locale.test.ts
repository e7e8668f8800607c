import assert from 'node:assert/strict';
import { IncomingActivity } from '../../bot/activity.js';
import { localeOf, todayOf } from '../../bot/user-of.js';
import { executeActivity } from '../support/activities.js';
import { BotUnderTest, postActivity } from '../support/bot-under-test.js';
import { action, allText, type Json } from '../support/cards.js';
import { SellerClient } from '../support/seller-client.js';

const activity = (extra: Record<string, unknown>) =>
  IncomingActivity.parse({ type: 'message', from: { id: 'u' }, conversation: { id: 'c' }, ...extra });

describe('the user’s language and date, from the activity', () => {
  const cases: [Record<string, unknown>, string, string][] = [
    [{ locale: 'sv-SE' }, 'sv', 'sv-SE'],
    [{ locale: 'sv' }, 'sv', 'sv-SE'],
    [{ locale: 'en-GB' }, 'en', 'en-GB'],
    [{ locale: 'de-DE' }, 'en', 'en-US'],
    [{ entities: [{ type: 'clientInfo', locale: 'sv-FI' }] }, 'sv', 'sv-FI'],
    [{ locale: 'en-US', entities: [{ type: 'clientInfo', locale: 'sv-SE' }] }, 'en', 'en-US'],
    [{}, 'en', 'en-US'],
    [{ locale: 'not a locale!' }, 'en', 'en-US'],
  ];
  for (const [extra, locale, formatLocale] of cases) {
    it(`${JSON.stringify(extra)} speaks ${locale}, formats as ${formatLocale}`, () => {
      assert.deepEqual(localeOf(activity(extra)), { locale, formatLocale });
    });
  }

  it('takes the client’s calendar date within a day of UTC, else UTC’s', () => {
    const now = new Date('2026-11-24T23:30:00Z');
    assert.equal(todayOf(activity({ localTimestamp: '2026-11-25T01:30:00+02:00' }), now), '2026-11-25');
    assert.equal(todayOf(activity({ localTimestamp: '2026-11-24T13:30:00-10:00' }), now), '2026-11-24');
    assert.equal(todayOf(activity({ localTimestamp: '2027-01-01T00:00:00+00:00' }), now), '2026-11-24');
    assert.equal(todayOf(activity({}), now), '2026-11-24');
  });
});

describe('card clicks answered in the language of the user’s messages', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest().start();
  });
  after(async () => bot.stop());

  it('a Swedish user’s click with no locale, or the playground’s fixed en-US, is answered in Swedish', async () => {
    const seller = new SellerClient(bot, { tenantId: 'tenant-contoso', locale: 'sv-SE' });
    const card = await seller.say('registrera ett avtal');
    assert.match(allText(card), /Steg 1 av 6/);
    const next = action(card, 'Nästa');
    for (const locale of [undefined, 'en-US']) {
      const click = {
        ...executeActivity(seller.who, bot.connector.url, next.verb as string, { ...(next.data as Json), companyName: '' }),
        locale,
      };
      const answer = (await postActivity(bot.url, click)).body as { value: Json };
      assert.match(allText(answer.value), /Steg 1 av 6/, `locale ${locale}`);
      assert.doesNotMatch(allText(answer.value), /Step 1 of 6/);
    }
  });

  it('a command typed in Swedish from an English client is answered in Swedish, its clicks too, until English is typed', async () => {
    const seller = new SellerClient(bot, { tenantId: 'tenant-contoso', locale: 'en-US' });
    const card = await seller.say('registrera ett avtal');
    assert.match(allText(card), /Steg 1 av 6/);
    const next = action(card, 'Nästa');
    const click = executeActivity(seller.who, bot.connector.url, next.verb as string, { ...(next.data as Json), companyName: '' });
    assert.match(allText(((await postActivity(bot.url, { ...click, locale: 'en-US' })).body as { value: Json }).value), /Steg 1 av 6/);
    assert.match(allText(await seller.say('mina avtal')), /Mina avtal|avtal/i);
    assert.match(allText(await seller.say('what a lovely day')), /Det här kan jag/, 'words that are no command stay in Swedish');
    assert.match(allText(await seller.say('register a deal')), /Step 1 of 6/, 'back to English when English is typed');
    assert.match(allText(await seller.say('min pipeline')), /pipeline/i, 'a command several languages share changes nothing');
  });

  it('follows the user when they change language', async () => {
    const seller = new SellerClient(bot, { tenantId: 'tenant-contoso', locale: 'sv-SE' });
    await seller.say('hjälp');
    const english = new SellerClient(bot, { ...seller.who, locale: 'en-GB' });
    const card = await english.say('register a deal');
    const next = action(card, 'Next');
    const click = {
      ...executeActivity(seller.who, bot.connector.url, next.verb as string, { ...(next.data as Json), companyName: '' }),
      locale: undefined,
    };
    assert.match(allText(((await postActivity(bot.url, click)).body as { value: Json }).value), /Step 1 of 6/);
  });
});

describe('Norwegian, Danish and Finnish', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest().start();
  });
  after(async () => bot.stop());

  for (const [locale, said, step, country] of [
    ['nb-NO', 'registrer en avtale', /Trinn 1 av 6: Kunde/, /Sverige · Sweden · Ruotsi · SE · SWE/],
    ['no', 'registrer en avtale', /Trinn 1 av 6: Kunde/, /Sverige/],
    ['da-DK', 'registrer en aftale', /Trin 1 af 6: Kunde/, /Sverige · Sweden · Ruotsi · SE/],
    ['fi-FI', 'rekisteröi sopimus', /Vaihe 1\/6: Asiakas/, /Ruotsi · Sweden · Sverige · SE/],
  ] as const) {
    it(`${locale}: the wizard speaks it, country names included`, async () => {
      const seller = new SellerClient(bot, { locale });
      const card = await seller.say(said);
      assert.match(allText(card), step);
      assert.match(JSON.stringify(card), country);
      assert.ok(
        JSON.stringify(card).length < 24_000,
        `the first step's card fits a Teams message: ${JSON.stringify(card).length} characters`,
      );
      const refused = await seller.click(card, locale === 'fi-FI' ? 'Seuraava' : locale === 'da-DK' ? 'Næste' : 'Neste', {
        companyName: 'Fabrikam AB',
      });
      assert.doesNotMatch(allText(refused), /Please|fill in/i, 'messages in the same language');
    });
  }
});

import assert from 'node:assert/strict';
import type { Deal } from '../../src/domain/deal.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { allText, type Json } from '../support/cards.js';
import { seededDeal } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';

/** Every element of a card, however deep (fallbacks and containers included). */
function elements(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const n of node) elements(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (typeof o.type === 'string') out.push(o);
    for (const v of Object.values(o)) elements(v, out);
  }
  return out;
}
const charts = (card: Json, type: string) => elements(card.body).filter((e) => e.type === type);

describe('the pipeline at a glance', () => {
  let bot: BotUnderTest;
  let anna: SellerClient;
  before(async () => {
    bot = await new BotUnderTest({ REVIEWERS: `${TENANT}:reviewer-1` }).start();
    anna = new SellerClient(bot, { tenantId: TENANT, name: 'Anna Svensson', locale: 'sv-SE' });
    await anna.install();
    const repo = new DealRepository(bot.bot.store);
    // Anna: 2 in review (SEK 300 000 and 150 000 over 3 years each: 100 000 + 50 000 a year), 1 approved in
    // EUR, 1 incomplete without a value. Someone else: 1 in review, in her tenant.
    const mine = (status: Deal['status'], companyName: string, value?: Deal['fields']['value']): Deal => {
      const deal = seededDeal({ tenantId: TENANT, ownerId: anna.who.aadObjectId, status, companyName, minutesAgo: 5 });
      const dates = { startDate: '2026-01-01', endDate: '2028-12-31', signedDate: '2026-01-01' };
      if (!value) return { ...deal, fields: { customer: deal.fields.customer } };
      return { ...deal, fields: { ...deal.fields, value, dates } };
    };
    const sek = (total: string) => ({ billingModel: 'fixed' as const, currency: 'SEK', totalValue: total, solutionValue: total });
    for (const d of [
      mine('in_review', 'Volvo AB', sek('300000')),
      mine('in_review', 'Saab AB', sek('150000')),
      mine('approved', 'Nokia Oyj', { billingModel: 'fixed', currency: 'EUR', totalValue: '30000', solutionValue: '30000' }),
      mine('incomplete', 'Draft AB'),
    ]) {
      await repo.create(d);
    }
    await repo.create(seededDeal({ tenantId: TENANT, ownerId: 'colleague', status: 'in_review', companyName: 'Other AB', minutesAgo: 1 }));
  });
  after(async () => bot.stop());

  it('"min pipeline": the seller’s deals per status as a donut, annual value per currency as bars, each with a table', async () => {
    const card = await anna.say('min pipeline');
    assert.match(allText(card), /Min pipeline/);
    assert.match(allText(card), /4 avtal/);
    const [donut] = charts(card, 'Chart.Donut');
    assert.deepEqual(
      donut!.data,
      [
        { legend: 'Ofullständig', value: 1 },
        { legend: 'Granskas', value: 2 },
        { legend: 'Godkänd', value: 1 },
      ],
      'a status with no deals is no slice',
    );
    const bars = charts(card, 'Chart.HorizontalBar');
    // Each chart's title, with its currency, is a line above it: the playground draws no chart titles.
    const titled = charts(card, 'Container').map((c) => ((c.items as Json[])[0] as Json).text);
    assert.deepEqual(titled, ['Årsvärde per status (SEK)', 'Årsvärde per status (EUR)']);
    assert.equal(bars.length, 2);
    assert.equal((bars[0]!.data as Json[]).find((p) => p.x === 'Granskas')!.y, 150000);
    assert.equal((bars[1]!.data as Json[]).find((p) => p.x === 'Godkänd')!.y, 10000);
    for (const chart of [donut!, ...bars]) assert.ok(chart.fallback, 'a fallback for clients that cannot draw charts');
    // The fallback table speaks the user’s number format: "150 000,00 SEK" in Swedish.
    assert.match(JSON.stringify(bars[0]!.fallback), /150\s000,00\sSEK/);
  });

  it('"desk pipeline" shows a reviewer the tenant’s deals, and tells anyone else it is the desk’s', async () => {
    const reviewer = new SellerClient(bot, { tenantId: TENANT, aadObjectId: 'reviewer-1', userId: '29:reviewer-1' });
    const card = await reviewer.say('desk pipeline');
    const [donut] = charts(card, 'Chart.Donut');
    assert.equal((donut!.data as Json[]).find((d) => d.legend === 'In review')!.value, 3, 'the colleague’s deal too');
    assert.match(allText(await anna.say('deskens pipeline')), /Bara avtalsdesken/);
  });

  it('is a button on the welcome card', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT });
    const welcome = await seller.install();
    const card = await seller.click(welcome as Json, 'My pipeline');
    assert.match(allText(card), /No deals yet/);
    assert.equal(charts(card, 'Chart.Donut').length, 0, 'nothing to draw');
  });
});

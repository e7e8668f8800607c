import assert from 'node:assert/strict';
import { addDays } from '../../src/domain/dates.js';
import type { Deal } from '../../src/domain/deal.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { actions, allText } from '../support/cards.js';
import { eventually } from '../support/eventually.js';
import { seededDeal } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';
const today = () => new Date().toISOString().slice(0, 10);

// Several instances scanning at once: the store conformance suite (test/store/conformance.ts), on every backend.
describe('reminders in the owner’s chat', () => {
  let bot: BotUnderTest;
  let repo: DealRepository;
  before(async () => {
    bot = await new BotUnderTest({ OUTBOX_POLL: 'PT0.05S', REMINDER_AFTER: 'PT3S', REMINDER_EVERY: 'PT1H' }).start();
    repo = new DealRepository(bot.bot.store);
  });
  after(async () => bot.stop());

  const seller = async (locale = 'en-US') => {
    const s = new SellerClient(bot, { tenantId: TENANT, locale });
    await s.install();
    return s;
  };
  const waitingDeal = async (s: SellerClient, status: Deal['status'], minutesAgo: number, signedDate?: string) => {
    const deal = seededDeal({
      tenantId: TENANT,
      ownerId: s.who.aadObjectId,
      status,
      companyName: 'Northwind AB',
      minutesAgo,
      now: bot.clock.now(),
    });
    if (signedDate) deal.fields = { ...deal.fields, dates: { signedDate, startDate: signedDate, endDate: null } };
    deal.locale = s.who.locale.startsWith('sv') ? 'sv' : 'en';
    await repo.create(deal);
    return deal;
  };

  it('nudges the owner of a deal sent back and left untouched, once in the period, with Update as the next step', async () => {
    const s = await seller();
    const deal = await waitingDeal(s, 'update_required', 5);
    const [card] = await eventually(() => s.notifications().length > 0 && s.notifications(), 60_000, 'a reminder');
    assert.match(allText(card!), /still waiting for the update the deal desk asked for/);
    assert.match(allText(card!), /Northwind AB/);
    assert.deepEqual(
      actions(card!).map((a) => [a.title, a.verb]),
      [['Update the deal', 'deal.update']],
    );
    await bot.settled(10 * 60_000); // within the period (an hour)
    assert.equal(s.notifications().length, 1, 'one per period');
    assert.equal((await repo.get(TENANT, deal.id))!.outbox.filter((e) => e.deliveredAt).length, 1);
  });

  it('leaves a deal the seller is working on alone', async () => {
    const s = await seller();
    await waitingDeal(s, 'incomplete', 0);
    await waitingDeal(s, 'in_review', 30);
    await bot.settled(1000); // under REMINDER_AFTER
    assert.equal(s.notifications().length, 0);
  });

  it('warns in Swedish that the registration window closes, with the last day', async () => {
    const s = await seller('sv-SE');
    const signedDate = addDays(today(), -57); // the window closes in 3 days
    await waitingDeal(s, 'incomplete', 0, signedDate);
    const [card] = await eventually(() => s.notifications().length > 0 && s.notifications(), 60_000, 'a warning');
    const lastDay = new Date(`${addDays(signedDate, 60)}T12:00:00Z`).toLocaleDateString('sv-SE', { dateStyle: 'long', timeZone: 'UTC' });
    assert.match(allText(card!), new RegExp(`Registrera avtal .* senast ${lastDay}`));
    assert.deepEqual(
      actions(card!).map((a) => a.title),
      ['Fortsätt med avtalet'],
    );
  });
});

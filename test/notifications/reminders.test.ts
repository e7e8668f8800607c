import assert from 'node:assert/strict';
import pino from 'pino';
import type { Deal } from '../../src/domain/deal.js';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';
import { ReminderScanner } from '../../src/services/reminder-scanner.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import type { Documents } from '../../src/store/documents.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { addDays } from '../../src/domain/dates.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { actions, allText } from '../support/cards.js';
import { eventually } from '../support/eventually.js';
import { seededDeal } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';
import { tempStoreUrl } from '../support/temp-store.js';

const TENANT = 'tenant-contoso';
const HOUR = 3_600_000;
const quiet = pino({ level: 'silent' });
const today = () => new Date().toISOString().slice(0, 10);

describe('reminders, scanned by several instances', () => {
  const url = tempStoreUrl();
  let stores: Documents[];
  let now = new Date();
  const scanner = (docs: Documents) =>
    new ReminderScanner({
      deals: new DealRepository(docs),
      policy: PARTNER_CENTER_POLICY,
      periods: { afterMs: 3 * 24 * HOUR, everyMs: 7 * 24 * HOUR, windowWarningMs: 7 * 24 * HOUR },
      remindersAdded: () => {},
      log: quiet,
      clock: () => now,
    });
  before(async () => {
    stores = [await openSqlite(url), await openSqlite(url), await openSqlite(url)];
  });
  after(async () => Promise.all(stores.map((s) => s.close())));

  it('writes each period’s reminder once, however many instances scan at the same moment', async () => {
    const repo = new DealRepository(stores[0]!);
    const deals: Deal[] = [];
    for (let i = 0; i < 30; i++) {
      const status = i % 3 === 0 ? 'in_review' : i % 3 === 1 ? 'incomplete' : 'update_required';
      const deal = seededDeal({ tenantId: i % 2 ? TENANT : 'tenant-fabrikam', ownerId: `owner-${i}`, status, companyName: `C${i}`, minutesAgo: 0 });
      await repo.create(deal);
      deals.push(deal);
    }
    const reminders = async () => {
      const stored = await Promise.all(deals.map((d) => repo.get(d.tenantId, d.id)));
      return stored.map((d) => d!.outbox.filter((e) => e.kind === 'reminder'));
    };
    const scanners = stores.map(scanner);
    now = new Date(Date.now() + 3 * 24 * HOUR + 60_000);
    const added = await Promise.all(scanners.map((s) => s.scanOnce()));
    assert.equal(added.reduce((a, b) => a + b), 20, 'one instance wrote each of the 20 waiting deals’ reminder');
    assert.deepEqual((await reminders()).map((r) => r.length), deals.map((d) => (d.status === 'in_review' ? 0 : 1)));
    assert.deepEqual(await Promise.all(scanners.map((s) => s.scanOnce())), [0, 0, 0], 'same period: nothing new');
    now = new Date(now.getTime() + 7 * 24 * HOUR);
    await Promise.all(scanners.map((s) => s.scanOnce()));
    for (const [i, r] of (await reminders()).entries()) {
      if (deals[i]!.status === 'in_review') continue;
      assert.equal(r.length, 2, 'a week later: the second reminder');
      assert.deepEqual(r.map((e) => e.withdrawn ?? false), [true, false], 'the unsent first one is superseded');
    }
  });
});

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
    const deal = seededDeal({ tenantId: TENANT, ownerId: s.who.aadObjectId, status, companyName: 'Northwind AB', minutesAgo });
    if (signedDate) deal.fields = { ...deal.fields, dates: { signedDate, startDate: signedDate, endDate: null } };
    deal.locale = s.who.locale.startsWith('sv') ? 'sv' : 'en';
    await repo.create(deal);
    return deal;
  };

  it('nudges the owner of a deal sent back and left untouched, once in the period, with Update as the next step', async () => {
    const s = await seller();
    const deal = await waitingDeal(s, 'update_required', 5);
    const [card] = await eventually(() => s.notifications().length > 0 && s.notifications(), 5000, 'a reminder');
    assert.match(allText(card!), /still waiting for the update the deal desk asked for/);
    assert.match(allText(card!), /Northwind AB/);
    assert.deepEqual(actions(card!).map((a) => [a.title, a.verb]), [['Update the deal', 'deal.update']]);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(s.notifications().length, 1, 'one per period');
    assert.equal((await repo.get(TENANT, deal.id))!.outbox.filter((e) => e.deliveredAt).length, 1);
  });

  it('leaves a deal the seller is working on alone', async () => {
    const s = await seller();
    await waitingDeal(s, 'incomplete', 0);
    await waitingDeal(s, 'in_review', 30);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(s.notifications().length, 0);
  });

  it('warns in Swedish that the registration window closes, with the last day', async () => {
    const s = await seller('sv-SE');
    const signedDate = addDays(today(), -57); // the window closes in 3 days
    await waitingDeal(s, 'incomplete', 0, signedDate);
    const [card] = await eventually(() => s.notifications().length > 0 && s.notifications(), 5000, 'a warning');
    const lastDay = new Date(`${addDays(signedDate, 60)}T12:00:00Z`).toLocaleDateString('sv-SE', { dateStyle: 'long', timeZone: 'UTC' });
    assert.match(allText(card!), new RegExp(`Registrera avtal .* senast ${lastDay}`));
    assert.deepEqual(actions(card!).map((a) => a.title), ['Fortsätt med avtalet']);
  });
});

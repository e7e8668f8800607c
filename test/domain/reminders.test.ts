import assert from 'node:assert/strict';
import { addDays } from '../../src/domain/dates.js';
import type { Deal } from '../../src/domain/deal.js';
import { claimEntries } from '../../src/domain/outbox.js';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';
import {
  addDueReminders,
  idlePeriod,
  isOutdated,
  type ReminderPeriods,
  windowClosesOn,
  windowClosing,
} from '../../src/domain/reminders.js';
import { seededDeal } from '../support/seed.js';

const DAY = 86_400_000;
const PERIODS: ReminderPeriods = { afterMs: 3 * DAY, everyMs: 7 * DAY, windowWarningMs: 7 * DAY };
const policy = PARTNER_CENTER_POLICY;
const T0 = new Date('2026-11-01T09:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

function waiting(status: Deal['status'] = 'update_required', dates?: { signedDate: string; startDate: string }): Deal {
  const deal = seededDeal({ tenantId: 't', ownerId: 'o', status, companyName: 'Fabrikam', minutesAgo: 0 });
  const d = { ...deal, updatedAt: T0.toISOString() };
  if (dates) d.fields = { ...d.fields, dates: { ...dates, endDate: null } };
  else d.fields = { ...d.fields, dates: { signedDate: '2026-11-01', startDate: '2026-11-01', endDate: null } };
  return d;
}

describe('reminders', () => {
  it('nudges after 3 days untouched, then weekly, with one key per period', () => {
    const deal = waiting();
    assert.equal(idlePeriod(deal, at(2.99), PERIODS), undefined);
    const first = idlePeriod(deal, at(3), PERIODS);
    assert.ok(first);
    assert.equal(idlePeriod(deal, at(9.9), PERIODS), first, 'same period until a week after the first');
    const second = idlePeriod(deal, at(10), PERIODS);
    assert.notEqual(second, first);
    assert.notEqual(idlePeriod(deal, at(17), PERIODS), second);
  });

  it('reminds only deals waiting for their owner', () => {
    for (const status of ['in_review', 'approved', 'declined'] as const) {
      assert.equal(addDueReminders(waiting(status), at(30), PERIODS, policy), undefined, status);
    }
    assert.ok(addDueReminders(waiting('incomplete'), at(30), PERIODS, policy));
  });

  it('writes each period’s reminder once, and a change by the seller starts over', () => {
    const deal = waiting();
    const once = addDueReminders(deal, at(3), PERIODS, policy)!;
    assert.deepEqual(
      once.outbox.map((e) => e.kind),
      ['reminder'],
    );
    assert.equal(once.version, deal.version + 1);
    assert.equal(once.updatedAt, deal.updatedAt, 'a reminder is not the seller moving the deal');
    assert.equal(addDueReminders(once, at(5), PERIODS, policy), undefined, 'same period: nothing more');
    const twice = addDueReminders(once, at(10), PERIODS, policy)!;
    assert.equal(twice.outbox.filter((e) => e.kind === 'reminder').length, 2);
    const touched = { ...twice, updatedAt: at(11).toISOString() };
    assert.equal(addDueReminders(touched, at(12), PERIODS, policy), undefined, 'the seller worked on it a day ago');
    assert.ok(addDueReminders(touched, at(14), PERIODS, policy));
  });

  it('supersedes an unsent reminder with the next one, but not one being sent', () => {
    const once = addDueReminders(waiting(), at(3), PERIODS, policy)!;
    const twice = addDueReminders(once, at(10), PERIODS, policy)!;
    const [old, fresh] = twice.outbox;
    assert.equal(old?.withdrawn, true);
    assert.ok(old?.deliveredAt);
    assert.equal(fresh?.deliveredAt, undefined);
    const sending = claimEntries(once, [once.outbox[0]!.id], 'instance-a', at(10.5));
    const both = addDueReminders(sending, at(10), PERIODS, policy)!;
    assert.equal(both.outbox.filter((e) => e.deliveredAt === undefined).length, 2);
  });

  it('warns once when the registration window closes within 7 days', () => {
    const signedDate = '2026-09-10'; // + 60 days: last day 2026-11-09
    const deal = waiting('incomplete', { signedDate, startDate: signedDate });
    assert.equal(windowClosesOn(deal, policy), addDays(signedDate, 60));
    assert.equal(windowClosing(deal, new Date('2026-11-02T23:59:59Z'), PERIODS, policy), undefined, 'more than 7 days left');
    assert.equal(windowClosing(deal, new Date('2026-11-03T00:00:00Z'), PERIODS, policy), '2026-11-09');
    assert.equal(windowClosing(deal, new Date('2026-11-10T00:00:00Z'), PERIODS, policy), undefined, 'closed: too late to warn');
    const fresh = { ...deal, updatedAt: '2026-11-04T00:00:00Z' };
    const warned = addDueReminders(fresh, new Date('2026-11-04T08:00:00Z'), PERIODS, policy)!;
    assert.deepEqual(
      warned.outbox.map((e) => [e.kind, e.closesOn]),
      [['window_closing', '2026-11-09']],
    );
    assert.equal(addDueReminders(warned, new Date('2026-11-05T08:00:00Z'), PERIODS, policy), undefined);
  });

  it('takes whichever of the two dates closes the window first', () => {
    const deal = waiting('incomplete', { signedDate: '2026-10-01', startDate: '2026-08-10' });
    assert.equal(windowClosesOn(deal, policy), '2026-11-08', 'start date + 90 days comes before signed + 60');
    const { fields, ...rest } = deal;
    assert.equal(windowClosesOn({ ...rest, fields: { customer: fields.customer } }, policy), undefined, 'no dates yet');
  });

  it('withdraws a reminder the deal has outgrown before it went out', () => {
    const reminded = addDueReminders(waiting(), at(3), PERIODS, policy)!;
    const entry = reminded.outbox[0]!;
    assert.equal(isOutdated(reminded, entry, policy), false);
    assert.equal(isOutdated({ ...reminded, status: 'in_review' }, entry, policy), true, 'the seller resubmitted it');
    assert.equal(isOutdated({ ...reminded, updatedAt: at(4).toISOString() }, entry, policy), true, 'the seller is working on it');
    const dates = { signedDate: '2026-09-10', startDate: '2026-09-10', endDate: null };
    const closing = { ...reminded, updatedAt: '2026-11-04T00:00:00Z', fields: { ...reminded.fields, dates } };
    const warned = addDueReminders(closing, new Date('2026-11-04T08:00:00Z'), PERIODS, policy)!;
    const warning = warned.outbox.find((e) => e.kind === 'window_closing')!;
    assert.equal(isOutdated(warned, warning, policy), false);
    const later = { ...dates, signedDate: '2026-10-20', startDate: '2026-10-20' };
    assert.equal(isOutdated({ ...warned, fields: { ...warned.fields, dates: later } }, warning, policy), true, 'new dates');
  });
});

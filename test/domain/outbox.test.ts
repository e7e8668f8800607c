import assert from 'node:assert/strict';
import type { Deal } from '../../src/domain/deal.js';
import {
  claimEntries,
  dueEntries,
  markDelivered,
  notification,
  owesAnything,
  owingDeskCard,
  parkForOwner,
  reschedule,
} from '../../src/domain/outbox.js';
import { seededDeal } from '../support/seed.js';

const now = new Date('2026-12-07T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const owing = (): Deal => {
  const deal = seededDeal({ now, tenantId: 't1', ownerId: 'o1', status: 'approved', companyName: 'Fabrikam AB', minutesAgo: 1 });
  return { ...deal, outbox: [notification('status_changed', deal, now.toISOString(), { from: 'in_review' })] };
};

describe('a deal’s outbox', () => {
  it('owes its notice until delivered', () => {
    const deal = owing();
    const [entry] = dueEntries(deal, now);
    assert.ok(entry && owesAnything(deal));
    const delivered = markDelivered(deal, [entry.id], now);
    assert.deepEqual(dueEntries(delivered, now), []);
    assert.equal(owesAnything(delivered), false);
  });

  it('hides a claimed notice until its lease ends, and a rescheduled one until its time', () => {
    const deal = owing();
    const id = deal.outbox[0]!.id;
    const claimed = claimEntries(deal, [id], 'instance-1', later(30_000));
    assert.deepEqual(dueEntries(claimed, later(1000)), [], 'leased');
    assert.equal(dueEntries(claimed, later(31_000)).length, 1, 'the lease ran out: another instance may send it');
    const retrying = reschedule(claimed, [id], later(5000));
    assert.deepEqual(dueEntries(retrying, later(1000)), []);
    assert.equal(dueEntries(retrying, later(6000)).length, 1);
  });

  it('keeps a notice for an owner who cannot be reached, out of the due list', () => {
    const deal = owing();
    const parked = parkForOwner(deal, [deal.outbox[0]!.id]);
    assert.deepEqual(dueEntries(parked, now), []);
    assert.equal(owesAnything(parked), false);
  });

  it('owes the desk one card update for any number of changes while it waits', () => {
    const deal = owing();
    const once = { ...deal, outbox: owingDeskCard(deal, now.toISOString()) };
    const twice = owingDeskCard(once, now.toISOString());
    assert.equal(twice.filter((e) => e.audience === 'desk').length, 1);
    const sending = claimEntries(once, [once.outbox.at(-1)!.id], 'instance-1', later(30_000));
    assert.equal(
      owingDeskCard(sending, now.toISOString()).filter((e) => e.audience === 'desk').length,
      2,
      'one being sent may show an older state',
    );
  });
});

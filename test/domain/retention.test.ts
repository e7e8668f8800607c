import assert from 'node:assert/strict';
import { DAY_MS } from '../../src/domain/dates.js';
import { notification } from '../../src/domain/outbox.js';
import { closedAt, pastRetention } from '../../src/domain/retention.js';
import { seededDeal } from '../support/seed.js';

const now = new Date('2026-12-07T10:00:00Z');
const closed = (daysAgo: number) =>
  seededDeal({ now, tenantId: 't1', ownerId: 'o1', status: 'approved', companyName: 'Old AB', minutesAgo: daysAgo * 1440 });

describe('retention of closed deals', () => {
  it('counts from when a deal was closed, and only for closed deals', () => {
    assert.equal(closedAt(closed(3))?.toISOString(), new Date(now.getTime() - 3 * DAY_MS).toISOString());
    assert.equal(
      closedAt(seededDeal({ now, tenantId: 't1', ownerId: 'o1', status: 'in_review', companyName: 'X', minutesAgo: 1 })),
      undefined,
    );
  });

  it('lets a deal go once closed longer than the period, but not while it owes its owner a notice', () => {
    assert.equal(pastRetention(closed(40), 30 * DAY_MS, now), true);
    assert.equal(pastRetention(closed(20), 30 * DAY_MS, now), false);
    const owing = closed(40);
    const stillOwing = { ...owing, outbox: [notification('status_changed', owing, owing.updatedAt, { from: 'in_review' })] };
    assert.equal(pastRetention(stillOwing, 30 * DAY_MS, now), false);
  });
});

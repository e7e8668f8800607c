import assert from 'node:assert/strict';
import { reviewStats } from '../../src/domain/review-stats.js';
import { seededDeal } from '../support/seed.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const SINCE = new Date('2026-11-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

/** A deal that entered review `entered` hours ago and was decided `decided` hours ago. */
function decided(entered: number, decidedAt: number) {
  const deal = seededDeal({ tenantId: 't', ownerId: 'o', status: 'approved', companyName: 'C', minutesAgo: 0 });
  deal.history = [
    { at: hoursAgo(entered + 1), by: 'o', from: null, to: 'incomplete' },
    { at: hoursAgo(entered), by: 'o', from: 'incomplete', to: 'in_review' },
    { at: hoursAgo(decidedAt), by: 'r', from: 'in_review', to: 'approved' },
  ];
  return deal;
}

describe('the deal desk’s figures', () => {
  it('time each decision from when the deal entered review, median and p90 by nearest rank', () => {
    const deals = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((h) => decided(h + 1, 1));
    const stats = reviewStats([], deals, NOW, SINCE);
    assert.equal(stats.decided, 10);
    assert.equal(stats.medianSeconds, 5 * 3600);
    assert.equal(stats.p90Seconds, 9 * 3600);
    assert.equal(stats.waiting, 0);
    assert.equal(stats.oldestWaitSeconds, undefined);
  });

  it('leave out decisions older than the period, and count a deal sent back and decided again twice', () => {
    const old = decided(40 * 24, 35 * 24);
    const twice = seededDeal({ tenantId: 't', ownerId: 'o', status: 'approved', companyName: 'C', minutesAgo: 0 });
    twice.history = [
      { at: hoursAgo(10), by: 'o', from: 'incomplete', to: 'in_review' },
      { at: hoursAgo(8), by: 'r', from: 'in_review', to: 'update_required' },
      { at: hoursAgo(6), by: 'o', from: 'update_required', to: 'in_review' },
      { at: hoursAgo(5), by: 'o', from: 'in_review', to: 'in_review', kind: 'reply', comment: 'done' },
      { at: hoursAgo(2), by: 'r', from: 'in_review', to: 'approved' },
    ];
    const stats = reviewStats([], [old, twice], NOW, SINCE);
    assert.equal(stats.decided, 2);
    assert.equal(stats.medianSeconds, 2 * 3600);
    assert.equal(stats.p90Seconds, 4 * 3600);
  });
});

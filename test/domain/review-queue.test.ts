import assert from 'node:assert/strict';
import { EMPTY_DESK } from '../../src/domain/desk.js';
import { enteredReviewAt, queuePage, waitingTooLong } from '../../src/domain/review-queue.js';
import { seededDeal } from '../support/seed.js';

const now = new Date('2026-12-07T10:00:00Z');
const waiting = (companyName: string, minutesAgo: number, country = 'SE') => {
  const d = seededDeal({ now, tenantId: 't1', ownerId: 'o1', status: 'in_review', companyName, minutesAgo });
  return { ...d, fields: { ...d.fields, customer: { companyName, country, city: 'x' } } };
};

describe('the deal desk’s queue', () => {
  const deals = [waiting('New', 10), waiting('Oldest', 300, 'NO'), waiting('Middle', 100)];

  it('lists deals In review, longest wait first, in pages, with what the filters can offer', () => {
    const page = queuePage(deals, {}, 0, 2);
    assert.deepEqual(
      page.deals.map((d) => d.fields.customer?.companyName),
      ['Oldest', 'Middle'],
    );
    assert.equal(page.total, 3);
    assert.deepEqual(page.countries, ['NO', 'SE']);
    assert.deepEqual(
      queuePage(deals, {}, 2, 2).deals.map((d) => d.fields.customer?.companyName),
      ['New'],
    );
    assert.equal(queuePage(deals, {}, 99, 2).offset, 2, 'past the end: the last page');
  });

  it('filters by country', () => {
    assert.deepEqual(
      queuePage(deals, { country: 'NO' }, 0, 5).deals.map((d) => d.fields.customer?.companyName),
      ['Oldest'],
    );
  });

  it('knows when each deal entered review, and which waited too long (none without a conversation to tell)', () => {
    assert.equal(enteredReviewAt(deals[1]!), new Date(now.getTime() - 300 * 60_000).toISOString());
    assert.equal(waitingTooLong(deals, EMPTY_DESK, now, 60 * 60_000).size, 0);
  });
});

import assert from 'node:assert/strict';
import { Deal, draftDeal, LOCALES } from '../../src/domain/deal.js';

describe('a deal', () => {
  const now = new Date('2026-12-07T10:00:00Z');

  it('starts as an Incomplete draft at the first step, its creation in its history', () => {
    const deal = draftDeal({
      id: 'd1',
      tenantId: 't1',
      ownerId: 'o1',
      locale: 'sv',
      createdBy: { id: 'o1', name: 'Anna' },
      source: 'seller',
      now,
    });
    assert.equal(deal.status, 'incomplete');
    assert.equal(deal.version, 1);
    assert.equal(deal.wizard.step, 'customer');
    assert.deepEqual(deal.history, [{ at: now.toISOString(), by: 'o1', byName: 'Anna', from: null, to: 'incomplete' }]);
    assert.equal(Deal.safeParse(deal).success, true, 'a valid stored shape');
  });

  it('speaks the five languages', () => {
    assert.deepEqual([...LOCALES], ['en', 'sv', 'nb', 'da', 'fi']);
  });
});

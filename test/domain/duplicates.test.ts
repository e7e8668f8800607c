import assert from 'node:assert/strict';
import type { Deal } from '../../src/domain/deal.js';
import { isDuplicateOf } from '../../src/domain/duplicates.js';
import { seededDeal } from '../support/seed.js';

const now = new Date('2026-12-07T10:00:00Z');
const deal = (companyName: string, patch: Partial<Deal> = {}): Deal => ({
  ...seededDeal({ now, tenantId: 't1', ownerId: 'o1', status: 'in_review', companyName, minutesAgo: 60 }),
  ...patch,
});

describe('likely duplicates', () => {
  it('are deals for the same customer (without case or punctuation) and solution, registered within 12 months', () => {
    assert.equal(isDuplicateOf(deal('Fabrikam AB'), deal('fabrikam, a.b.'), now), true);
  });

  it('are not the deal itself, a declined deal, an old one, another solution or another country', () => {
    const mine = deal('Fabrikam AB');
    assert.equal(isDuplicateOf(mine, mine, now), false);
    assert.equal(isDuplicateOf(mine, deal('Fabrikam AB', { status: 'declined' }), now), false);
    assert.equal(isDuplicateOf(mine, deal('Fabrikam AB', { registeredAt: '2025-11-01T00:00:00Z' }), now), false);
    assert.equal(isDuplicateOf(mine, deal('Fabrikam AB', { registeredAt: undefined }), now), false, 'never registered');
    const other = deal('Fabrikam AB');
    assert.equal(
      isDuplicateOf(mine, { ...other, fields: { ...other.fields, solution: { solutionId: 'x', contractType: 'new' } } }, now),
      false,
    );
    assert.equal(
      isDuplicateOf(
        mine,
        { ...other, fields: { ...other.fields, customer: { companyName: 'Fabrikam AB', country: 'NO', city: 'Oslo' } } },
        now,
      ),
      false,
    );
  });
});

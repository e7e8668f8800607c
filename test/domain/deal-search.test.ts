import assert from 'node:assert/strict';
import type { Deal } from '../../src/domain/deal.js';
import { dealRef } from '../../src/domain/deal-ref.js';
import { matchesSearch, NewestMatches } from '../../src/domain/deal-search.js';
import { seededDeal } from '../support/seed.js';

const deal = (companyName: string, minutesAgo = 1, patch: Partial<Deal> = {}): Deal => ({
  ...seededDeal({ tenantId: 't1', ownerId: 'o1', status: 'in_review', companyName, minutesAgo }),
  ...patch,
});

describe('searching deals', () => {
  it('finds part of a customer’s name, as names are compared for duplicates', () => {
    assert.equal(matchesSearch(deal('Fabrikam Nordic AB'), { text: 'nordic', statuses: [] }), true);
    assert.equal(matchesSearch(deal('Fabrikam Nordic AB'), { text: 'contoso', statuses: [] }), false);
  });

  it('finds a reference, or its start, however it is typed', () => {
    const found = deal('Fabrikam AB');
    const ref = dealRef(found.id);
    assert.equal(matchesSearch(found, { text: ref.toLowerCase(), statuses: [] }), true);
    assert.equal(matchesSearch(found, { text: ref.slice(0, 5), statuses: [] }), true);
  });

  it('keeps to the statuses named, and never finds someone else’s draft', () => {
    assert.equal(matchesSearch(deal('Fabrikam AB'), { text: '', statuses: ['approved'] }), false);
    const draft = deal('Fabrikam AB', 1, { status: 'incomplete', registeredAt: undefined, ownerId: 'o2' });
    assert.equal(matchesSearch(draft, { text: 'fabrikam', statuses: [], viewerId: 'o1' }), false);
    assert.equal(matchesSearch(draft, { text: 'fabrikam', statuses: [], viewerId: 'o2' }), true);
  });

  it('keeps only the newest matches, batch by batch', () => {
    const newest = new NewestMatches({ text: 'ab', statuses: [] }, 2);
    newest.offer([deal('One AB', 30), deal('Two AB', 10), deal('Other Oy', 1)]);
    newest.offer([deal('Three AB', 20), deal('Four AB', 5)]);
    assert.deepEqual(
      newest.newest().map((d) => d.fields.customer?.companyName),
      ['Four AB', 'Two AB'],
    );
  });
});

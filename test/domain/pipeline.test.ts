import assert from 'node:assert/strict';
import { pipeline, pipelineCurrencies } from '../../src/domain/pipeline.js';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';
import { STATUSES } from '../../src/domain/status.js';
import { seededDeal } from '../support/seed.js';

const deal = (status: 'in_review' | 'approved', currency: string, totalValue: string) => {
  const d = seededDeal({ tenantId: 't1', ownerId: 'o1', status, companyName: 'X', minutesAgo: 1 });
  return { ...d, fields: { ...d.fields, value: { billingModel: 'fixed' as const, currency, totalValue, solutionValue: '1' } } };
};

describe('the pipeline', () => {
  it('counts deals per status, every status in order, with annual value per currency', () => {
    const rows = pipeline(
      [deal('in_review', 'EUR', '600000'), deal('in_review', 'EUR', '600000'), deal('approved', 'SEK', '6000000')],
      PARTNER_CENTER_POLICY,
    );
    assert.deepEqual(
      rows.map((r) => r.status),
      [...STATUSES],
    );
    const inReview = rows.find((r) => r.status === 'in_review')!;
    assert.equal(inReview.count, 2);
    assert.deepEqual(
      inReview.annualValue.map((v) => v.currency),
      ['EUR'],
    );
    assert.deepEqual(pipelineCurrencies(rows), ['SEK', 'EUR'], 'the largest total first');
  });

  it('counts a draft with no value yet, without a value', () => {
    const draft = seededDeal({ tenantId: 't1', ownerId: 'o1', status: 'incomplete', companyName: 'X', minutesAgo: 1 });
    const rows = pipeline([{ ...draft, fields: { customer: draft.fields.customer } }], PARTNER_CENTER_POLICY);
    assert.deepEqual(
      rows.find((r) => r.status === 'incomplete'),
      { status: 'incomplete', count: 1, annualValue: [] },
    );
  });
});

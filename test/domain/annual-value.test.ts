import assert from 'node:assert/strict';
import { annualValue, contractYears, registrationWarnings } from '../../src/domain/annual-value.js';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';
import type { Registration } from '../../src/domain/registration.js';

const registration = (totalValue: string, currency: string, endDate: string | null): Registration => ({
  customer: { companyName: 'F', country: 'SE', city: 'S' },
  solution: { solutionId: 's', contractType: 'new' },
  value: { billingModel: 'fixed', currency, totalValue, solutionValue: totalValue },
  deployment: { deployedOn: 'azure', deployedWhere: 'customer_tenant' },
  dates: { startDate: '2026-11-14', endDate, signedDate: '2026-11-14' },
  contact: { firstName: 'A', lastName: 'B', phone: '+46812345678', email: 'a@b.se' },
});

describe('annual contract value', () => {
  it('counts calendar years, leap days included', () => {
    assert.equal(contractYears('2026-11-14', '2029-11-13'), 3);
    assert.equal(contractYears('2028-02-29', '2029-02-27'), 1);
    assert.equal(contractYears('2026-01-01', '2026-07-01'), 182 / 365);
  });

  it('spreads the total over the contract’s years, exactly', () => {
    assert.deepEqual(annualValue(registration('300000', 'USD', '2029-11-13'), PARTNER_CENTER_POLICY), {
      amount: '100000',
      currency: 'USD',
      years: 3,
    });
    assert.equal(annualValue(registration('100', 'USD', '2029-11-13'), PARTNER_CENTER_POLICY).amount, '33.33');
    assert.equal(annualValue(registration('100', 'JPY', '2029-11-13'), PARTNER_CENTER_POLICY).amount, '33');
  });

  it('spreads a perpetual contract over 6 years', () => {
    assert.equal(annualValue(registration('600000', 'USD', null), PARTNER_CENTER_POLICY).amount, '100000');
  });

  it('counts a contract shorter than a year as one year', () => {
    assert.equal(annualValue(registration('50000', 'USD', '2027-02-13'), PARTNER_CENTER_POLICY).amount, '50000');
  });

  it('warns, without blocking, below the minimum for that currency', () => {
    assert.deepEqual(registrationWarnings(registration('60000', 'USD', '2029-11-13'), PARTNER_CENTER_POLICY), [
      { code: 'annual_value.below_minimum', params: { minimum: '25000', currency: 'USD' } },
    ]);
    assert.deepEqual(registrationWarnings(registration('75000', 'USD', '2029-11-13'), PARTNER_CENTER_POLICY), []);
    assert.deepEqual(registrationWarnings(registration('1', 'SEK', '2029-11-13'), PARTNER_CENTER_POLICY), [], 'no minimum set for SEK');
  });
});

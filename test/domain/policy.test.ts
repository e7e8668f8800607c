import assert from 'node:assert/strict';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';

describe('the registration policy', () => {
  it('defaults to Partner Center’s rules: signed within 60 days, started within 90, USD 25,000 a year, perpetual over 6 years', () => {
    assert.deepEqual(PARTNER_CENTER_POLICY, {
      signedWithinDays: 60,
      startWithinDays: 90,
      minAnnualValue: { USD: '25000' },
      perpetualYears: 6,
    });
  });
});

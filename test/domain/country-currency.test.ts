import assert from 'node:assert/strict';
import { currencyOfCountry } from '../../src/domain/country-currency.js';

describe('a country’s own currency', () => {
  it('is the one ISO 4217 lists for it, the local one where several match', () => {
    assert.equal(currencyOfCountry('SE'), 'SEK');
    assert.equal(currencyOfCountry('GB'), 'GBP');
    assert.equal(currencyOfCountry('CH'), 'CHF', 'the franc, not a fund');
    assert.equal(currencyOfCountry('FI'), 'EUR');
    assert.equal(currencyOfCountry(undefined), undefined);
  });
});

import assert from 'node:assert/strict';
import { countryFromTyped } from '../../src/domain/countries.js';
import { foldName } from '../../src/domain/typed-names.js';

describe('a country typed rather than picked', () => {
  it('is read as a code, a three-letter code, or a name in the seller’s language or English', () => {
    assert.equal(countryFromTyped('se'), 'SE');
    assert.equal(countryFromTyped('SWE'), 'SE');
    assert.equal(countryFromTyped('UK'), 'GB');
    assert.equal(countryFromTyped('sweden'), 'SE');
    assert.equal(countryFromTyped('Sverige', 'sv-SE'), 'SE');
    assert.equal(countryFromTyped('Norja', 'fi-FI'), 'NO');
    assert.equal(countryFromTyped('Atlantis'), undefined);
    assert.equal(countryFromTyped('  '), undefined);
  });

  it('is compared without case, accents, spacing or punctuation', () => {
    assert.equal(foldName('Côte d’Ivoire'), foldName('cote divoire'));
  });
});

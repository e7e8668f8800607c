import assert from 'node:assert/strict';
import { foldName, NamesToCodes } from '../../src/domain/typed-names.js';

describe('names typed for codes', () => {
  const currencies = new NamesToCodes('currency', ['SEK', 'EUR', 'NOK'], (language) => (language === 'en' ? [['crowns', 'SEK']] : []));

  it('reads a name in the given language, falling back to English and its aliases', () => {
    assert.equal(currencies.codeOf('svensk krona', 'sv'), 'SEK');
    assert.equal(currencies.codeOf('Euro', 'fi'), 'EUR');
    assert.equal(currencies.codeOf('crowns', 'sv'), 'SEK');
    assert.equal(currencies.codeOf('doubloons', 'en'), undefined);
    assert.equal(currencies.codeOf('', 'en'), undefined);
  });

  it('ignores case, accents, spacing and punctuation', () => {
    assert.equal(foldName('  Norsk   Krone! '), 'norskkrone');
    assert.equal(foldName('Ålesund'), 'alesund');
  });
});

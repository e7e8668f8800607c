import assert from 'node:assert/strict';
import { dateIn, moneyIn } from '../../src/domain/reading.js';
import { corpus, scoreCorpus } from '../support/reading-corpus.js';

describe('reading a deal from what the seller has (the win-texts corpus)', () => {
  it('has at least 40 texts in five languages, each with what a careful person reads from it', () => {
    const texts = corpus.texts();
    assert.ok(texts.length >= 40, `${texts.length} texts`);
    assert.deepEqual(texts.sort(), Object.keys(corpus.expected()).sort(), 'every text has its expected fields, and only those');
    for (const language of ['en', 'sv', 'nb', 'da', 'fi'])
      assert.ok(
        texts.some((t) => t.startsWith(`${language}-`)),
        language,
      );
  });

  it('reads every field right at least 97 times in 100, and finds at least 80 in 100 of what is there', async () => {
    const { fields, recall, wrongs } = await scoreCorpus();
    const lines = [...fields].map(
      ([field, f]) =>
        `${field.padEnd(14)} precision ${f.precision.toFixed(2)}  recall ${f.recall.toFixed(2)}  (${f.right} right, ${f.wrong} wrong, ${f.missed} missed)`,
    );
    process.stdout.write(`      ${lines.join('\n      ')}\n      overall recall ${recall.toFixed(2)}\n`);
    for (const [field, f] of fields) assert.ok(f.precision >= 0.97, `${field}: precision ${f.precision.toFixed(2)}\n${wrongs.join('\n')}`);
    assert.ok(recall >= 0.8, `overall recall ${recall.toFixed(2)}`);
  });

  it('reads amounts as written in the five languages, with their currency beside them', () => {
    const read = (text: string) => moneyIn(text).map((m) => `${m.currency} ${m.amount}`);
    assert.deepEqual(read('SEK 1 200 000'), ['SEK 1200000']);
    assert.deepEqual(read('€250k'), ['EUR 250000']);
    assert.deepEqual(read('USD 45,000 per year'), ['USD 45000']);
    assert.deepEqual(read('EUR 250.000,50'), ['EUR 250000.5']);
    assert.deepEqual(read('1,2 MSEK'), ['SEK 1200000']);
    assert.deepEqual(read('125 000 euroa'), ['EUR 125000']);
    assert.deepEqual(
      moneyIn('320 000 kr', { country: 'NO' }).map((m) => m.currency),
      ['NOK'],
    );
    assert.deepEqual(read('320 000 kr'), [], 'kr of no known country is no currency');
    assert.deepEqual(read('in 2027 we grow'), [], 'a year is not an amount');
  });

  it('reads dates as written in the five languages, and only real days', () => {
    for (const text of [
      '2026-11-20',
      '20.11.2026',
      '20/11/2026',
      '20-11-2026',
      '20 November 2026',
      'November 20, 2026',
      '20. november 2026',
      '20 nov 2026',
      '20. marraskuuta 2026',
    ]) {
      assert.equal(dateIn(text), '2026-11-20', text);
    }
    assert.equal(dateIn('31.02.2027'), undefined);
    assert.equal(dateIn('no date here'), undefined);
  });
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dateIn, moneyIn, type ReadField, readDeal } from '../../src/domain/reading.js';

const DIR = new URL('../fixtures/win-texts/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8')) as Record<string, Partial<Record<ReadField, string>>>;

/** Per field over the corpus: values read right, read wrong, and there but not read. */
function scoreCorpus() {
  const score = new Map<string, { right: number; wrong: number; missed: number }>();
  const wrongs: string[] = [];
  for (const [file, want] of Object.entries(expected)) {
    const got = readDeal(readFileSync(new URL(file, DIR), 'utf8')) as Record<string, string | undefined>;
    for (const field of new Set([...Object.keys(want), ...Object.keys(got)])) {
      const s = score.get(field) ?? { right: 0, wrong: 0, missed: 0 };
      const w = (want as Record<string, string | undefined>)[field];
      const g = got[field];
      if (g !== undefined && g === w) s.right++;
      else if (g !== undefined) {
        s.wrong++;
        wrongs.push(`${file} ${field}: read "${g}", is "${w ?? '(nothing)'}"`);
        if (w !== undefined) s.missed++;
      } else if (w !== undefined) s.missed++;
      score.set(field, s);
    }
  }
  return { score, wrongs };
}

describe('reading a deal from what the seller has (the win-texts corpus)', () => {
  it('has at least 40 texts in five languages, each with what a careful person reads from it', () => {
    const texts = readdirSync(DIR).filter((f) => f.endsWith('.txt'));
    assert.ok(texts.length >= 40, `${texts.length} texts`);
    assert.deepEqual(texts.sort(), Object.keys(expected).sort(), 'every text has its expected fields, and only those');
    for (const language of ['en', 'sv', 'nb', 'da', 'fi'])
      assert.ok(
        texts.some((t) => t.startsWith(`${language}-`)),
        language,
      );
  });

  it('reads every field right at least 97 times in 100, and finds at least 80 in 100 of what is there', () => {
    const { score, wrongs } = scoreCorpus();
    let right = 0;
    let there = 0;
    const lines: string[] = [];
    for (const [field, s] of [...score].sort(([a], [b]) => a.localeCompare(b))) {
      const precision = s.right + s.wrong === 0 ? 1 : s.right / (s.right + s.wrong);
      const recall = s.right + s.missed === 0 ? 1 : s.right / (s.right + s.missed);
      lines.push(
        `${field.padEnd(14)} precision ${precision.toFixed(2)}  recall ${recall.toFixed(2)}  (${s.right} right, ${s.wrong} wrong, ${s.missed} missed)`,
      );
      right += s.right;
      there += s.right + s.missed;
      assert.ok(precision >= 0.97, `${field}: precision ${precision.toFixed(2)}\n${wrongs.join('\n')}`);
    }
    process.stdout.write(`      ${lines.join('\n      ')}\n      overall recall ${(right / there).toFixed(2)} (${right} of ${there})\n`);
    assert.ok(right / there >= 0.8, `overall recall ${(right / there).toFixed(2)}`);
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

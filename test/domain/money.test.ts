import assert from 'node:assert/strict';
import { CURRENCIES, minorDigits, parseAmount } from '../../src/domain/money.js';

describe('amounts as people type them', () => {
  const cases: [string, ',' | '.', string, string][] = [
    // input, locale's decimal sign, currency, exact result
    ['120000', '.', 'USD', '120000'],
    ['120,000.50', '.', 'USD', '120000.5'],
    ['1,200,000', '.', 'USD', '1200000'],
    ['120000.5', '.', 'USD', '120000.5'],
    ['1250,50', '.', 'USD', '1250.5'], // a comma not followed by three digits is a decimal sign
    ['120 000,50', ',', 'SEK', '120000.5'],
    ['1 200 000', ',', 'SEK', '1200000'],
    ['1\u00a0200\u00a0000,25', ',', 'SEK', '1200000.25'],
    ['1.200.000,25', ',', 'EUR', '1200000.25'],
    ['1250000.50', ',', 'SEK', '1250000.5'], // a dot with two digits after is decimal even in Swedish
    ["1'250'000.50", '.', 'CHF', '1250000.5'],
    ['0.1', '.', 'USD', '0.1'],
    ['5000', '.', 'JPY', '5000'],
    ['1.234', '.', 'KWD', '1.234'], // the locale's own decimal sign wins, even before three digits
    ['0.30000000000000004', '.', 'KWD', 'too_many_decimals'],
  ];
  for (const [input, sep, currency, expected] of cases) {
    it(`reads ${JSON.stringify(input)} (${sep}, ${currency}) as ${expected}`, () => {
      const result = parseAmount(input, sep, currency);
      if (expected === 'too_many_decimals') assert.deepEqual(result, { ok: false, problem: 'money.too_many_decimals', digits: 3 });
      else assert.deepEqual(result, { ok: true, amount: expected });
    });
  }

  const bad: [string, string, string][] = [
    ['abc', 'USD', 'money.invalid'],
    ['12a', 'USD', 'money.invalid'],
    ['-5', 'USD', 'money.invalid'],
    ['1e6', 'USD', 'money.invalid'],
    ['NaN', 'USD', 'money.invalid'],
    ['1,2,3.4.5', 'USD', 'money.invalid'],
    ['0', 'USD', 'money.not_positive'],
    ['0.00', 'USD', 'money.not_positive'],
    ['10.5', 'JPY', 'money.too_many_decimals'],
    ['10.555', 'EUR', 'money.too_many_decimals'],
    ['10000000000000000', 'USD', 'money.too_large'],
  ];
  for (const [input, currency, problem] of bad) {
    it(`refuses ${JSON.stringify(input)} in ${currency}: ${problem}`, () => {
      const result = parseAmount(input, '.', currency);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.problem, problem);
    });
  }

  it('knows each currency’s minor digits from ISO 4217', () => {
    assert.equal(minorDigits('JPY'), 0);
    assert.equal(minorDigits('EUR'), 2);
    assert.equal(minorDigits('KWD'), 3);
    assert.ok(CURRENCIES.includes('SEK'));
    assert.ok(!CURRENCIES.includes('XAU'), 'no precious metals');
  });

  it('keeps amounts exact where binary floats would not', () => {
    const sum = parseAmount('0.1', '.', 'KWD');
    assert.deepEqual(sum, { ok: true, amount: '0.1' });
    assert.deepEqual(parseAmount('999999999999999.99', '.', 'USD'), { ok: true, amount: '999999999999999.99' });
  });
});

import { code as currencyByCode, codes as currencyCodes } from 'currency-codes';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { NamesToCodes } from './typed-names.js';

/**
 * ISO 4217 codes that are not money in circulation: its fund codes (list 3: BOV, CHE, CHW, CLF, COU, MXV,
 * USN, UYI, UYW), precious metals, bond-market and accounting units, and the testing and "no currency"
 * codes. The CFA and CFP francs and the East Caribbean dollar (XAF, XOF, XPF, XCD) are money, and stay.
 */
const NOT_IN_CIRCULATION = new Set([
  'BOV',
  'CHE',
  'CHW',
  'CLF',
  'COU',
  'MXV',
  'USN',
  'UYI',
  'UYW',
  'XAG',
  'XAU',
  'XPD',
  'XPT',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
]);

/** ISO 4217 codes of money in circulation. */
export const CURRENCIES: readonly string[] = currencyCodes().filter((c) => {
  const digits = currencyByCode(c)?.digits;
  return typeof digits === 'number' && !NOT_IN_CIRCULATION.has(c);
});

const currencyNames = new NamesToCodes('currency', CURRENCIES);

/** A currency typed rather than picked ("sek", "Swedish krona", "svensk krona"): its ISO 4217 code, if any. */
export function currencyFromTyped(text: string, formatLocale = 'en'): string | undefined {
  const typed = text.trim();
  const upper = typed.toUpperCase();
  if (CURRENCIES.includes(upper)) return upper;
  return currencyNames.codeOf(typed, formatLocale.split('-')[0] ?? 'en');
}

export const Currency = z.enum(CURRENCIES as [string, ...string[]], { error: 'currency.invalid' });

export function minorDigits(currency: string): number {
  return currencyByCode(currency)?.digits ?? 2;
}

/** An exact amount: a canonical decimal string ("1250000.5") and its currency. */
export const Money = z.object({
  amount: z.string().regex(/^\d+(\.\d+)?$/),
  currency: Currency,
});
export type Money = z.infer<typeof Money>;

export const MAX_AMOUNT = new Decimal('1e15');

export type AmountProblem = 'money.invalid' | 'money.not_positive' | 'money.too_many_decimals' | 'money.too_large';

/**
 * Reads an amount as a person types it. The user's locale says which of "," and "." is the decimal
 * separator; a separator that appears several times, or is followed by exactly three digits while it
 * is the locale's grouping sign, is grouping. Spaces and apostrophes are grouping in every locale.
 */
export function parseAmount(
  input: string,
  decimalSeparator: ',' | '.',
  currency: string,
): { ok: true; amount: string } | { ok: false; problem: AmountProblem; digits?: number } {
  const compact = input.replace(/[\s\u00a0\u202f'’]/gu, '');
  if (!/^[0-9.,]+$/.test(compact)) return { ok: false, problem: 'money.invalid' };
  const commas = compact.split(',').length - 1;
  const dots = compact.split('.').length - 1;
  let normalised: string;
  if (commas > 0 && dots > 0) {
    const decimalSign = compact.lastIndexOf(',') > compact.lastIndexOf('.') ? ',' : '.';
    const groupSign = decimalSign === ',' ? '.' : ',';
    if (compact.split(decimalSign).length - 1 > 1) return { ok: false, problem: 'money.invalid' };
    normalised = compact.split(groupSign).join('').replace(decimalSign, '.');
  } else if (commas + dots === 0) {
    normalised = compact;
  } else {
    const sign = commas > 0 ? ',' : '.';
    const count = commas + dots;
    const after = compact.length - compact.lastIndexOf(sign) - 1;
    const isGrouping = count > 1 || (sign !== decimalSeparator && after === 3);
    normalised = isGrouping ? compact.split(sign).join('') : compact.replace(sign, '.');
  }
  if (!/^\d+(\.\d+)?$/.test(normalised)) return { ok: false, problem: 'money.invalid' };
  const value = new Decimal(normalised);
  const digits = minorDigits(currency);
  if (value.decimalPlaces() > digits) return { ok: false, problem: 'money.too_many_decimals', digits };
  if (value.lte(0)) return { ok: false, problem: 'money.not_positive' };
  if (value.gt(MAX_AMOUNT)) return { ok: false, problem: 'money.too_large' };
  return { ok: true, amount: value.toFixed() };
}

export function compareAmounts(a: string, b: string): number {
  return new Decimal(a).comparedTo(new Decimal(b));
}

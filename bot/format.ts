import type { Locale } from '../src/domain/deal.js';

/** The BCP 47 tag numbers and dates are formatted with when only the language is known. */
export const DEFAULT_REGION: Record<Locale, string> = { en: 'en-US', sv: 'sv-SE' };

export function decimalSeparatorOf(formatLocale: string): ',' | '.' {
  const part = new Intl.NumberFormat(formatLocale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

/** Amounts are exact decimal strings; Intl formats a string without passing through a float. */
export function formatMoney(amount: string, currency: string, formatLocale: string): string {
  const format = new Intl.NumberFormat(formatLocale, { style: 'currency', currency, currencyDisplay: 'code' });
  return format.format(amount as unknown as number);
}

/** An amount for an input box: the locale's decimal sign, no grouping, so it reads back unambiguously. */
export function amountForInput(amount: string, formatLocale: string): string {
  return decimalSeparatorOf(formatLocale) === ',' ? amount.replace('.', ',') : amount;
}

export function formatDate(isoDate: string, formatLocale: string): string {
  return new Intl.DateTimeFormat(formatLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatNumber(value: number, formatLocale: string): string {
  return new Intl.NumberFormat(formatLocale, { maximumFractionDigits: 1 }).format(value);
}

const regionNames = new Map<string, Intl.DisplayNames>();
export function countryName(code: string, formatLocale: string): string {
  let names = regionNames.get(formatLocale);
  if (!names) {
    names = new Intl.DisplayNames([formatLocale], { type: 'region', fallback: 'code' });
    regionNames.set(formatLocale, names);
  }
  return names.of(code) ?? code;
}

const currencyNames = new Map<string, Intl.DisplayNames>();
export function currencyName(code: string, formatLocale: string): string {
  let names = currencyNames.get(formatLocale);
  if (!names) {
    names = new Intl.DisplayNames([formatLocale], { type: 'currency', fallback: 'code' });
    currencyNames.set(formatLocale, names);
  }
  return names.of(code) ?? code;
}

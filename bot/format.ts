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

/** A moment, in the user's own time zone. */
export function formatDateTime(iso: string, formatLocale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(formatLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

export function formatNumber(value: number, formatLocale: string): string {
  return new Intl.NumberFormat(formatLocale, { maximumFractionDigits: 1 }).format(value);
}

const displayNames = new Map<string, Intl.DisplayNames>();
function namesOf(type: 'region' | 'currency', formatLocale: string): Intl.DisplayNames {
  const key = `${type}:${formatLocale}`;
  let names = displayNames.get(key);
  if (!names) {
    names = new Intl.DisplayNames([formatLocale], { type, fallback: 'code' });
    displayNames.set(key, names);
  }
  return names;
}

export function countryName(code: string, formatLocale: string): string {
  return namesOf('region', formatLocale).of(code) ?? code;
}

export function currencyName(code: string, formatLocale: string): string {
  return namesOf('currency', formatLocale).of(code) ?? code;
}

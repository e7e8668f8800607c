import { Remembered } from './remembered.js';

// Building an Intl formatter costs far more than using one (a wizard card formats several values), so each
// is built once per locale and options and kept. The format locale comes from the client's tag, so the
// number kept is bounded.
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames;
const formatters = new Remembered<Formatter>(2000);
const kept = <T extends Formatter>(key: string, make: () => T): T => formatters.get(key, make) as T;

const plainNumber = (formatLocale: string) => kept(`number:${formatLocale}`, () => new Intl.NumberFormat(formatLocale));

const separators = new Map<string, ',' | '.'>();
export function decimalSeparatorOf(formatLocale: string): ',' | '.' {
  let separator = separators.get(formatLocale);
  if (!separator) {
    const part = plainNumber(formatLocale)
      .formatToParts(1.5)
      .find((p) => p.type === 'decimal');
    separator = part?.value === ',' ? ',' : '.';
    if (separators.size < 2000) separators.set(formatLocale, separator);
  }
  return separator;
}

/** Amounts are exact decimal strings; Intl formats a string without passing through a float. */
export function formatMoney(amount: string, currency: string, formatLocale: string): string {
  const format = kept(
    `money:${formatLocale}:${currency}`,
    () => new Intl.NumberFormat(formatLocale, { style: 'currency', currency, currencyDisplay: 'code' }),
  );
  return format.format(amount as unknown as number);
}

/** An amount for an input box: the locale's decimal sign, no grouping, so it reads back unambiguously. */
export function amountForInput(amount: string, formatLocale: string): string {
  return decimalSeparatorOf(formatLocale) === ',' ? amount.replace('.', ',') : amount;
}

export function formatDate(isoDate: string, formatLocale: string): string {
  const format = kept(`date:${formatLocale}`, () => new Intl.DateTimeFormat(formatLocale, { dateStyle: 'long', timeZone: 'UTC' }));
  return format.format(new Date(`${isoDate}T00:00:00Z`));
}

/** A moment, in the user's own time zone. */
export function formatDateTime(iso: string, formatLocale: string, timeZone: string): string {
  const format = kept(
    `moment:${formatLocale}:${timeZone}`,
    () => new Intl.DateTimeFormat(formatLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
  );
  return format.format(new Date(iso));
}

export function formatNumber(value: number, formatLocale: string): string {
  return kept(`decimal:${formatLocale}`, () => new Intl.NumberFormat(formatLocale, { maximumFractionDigits: 1 })).format(value);
}

function namesOf(type: 'region' | 'currency', formatLocale: string): Intl.DisplayNames {
  return kept(`names:${type}:${formatLocale}`, () => new Intl.DisplayNames([formatLocale], { type, fallback: 'code' }));
}

export function countryName(code: string, formatLocale: string): string {
  return namesOf('region', formatLocale).of(code) ?? code;
}

export function currencyName(code: string, formatLocale: string): string {
  return namesOf('currency', formatLocale).of(code) ?? code;
}

/** How long something has waited, in the largest whole unit that fits: "45 minutes", "5 hours", "3 days" (days from 48 hours). */
export function formatWaited(ms: number, formatLocale: string): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const [value, unit] =
    seconds < 60
      ? [seconds, 'second']
      : minutes < 60
        ? [minutes, 'minute']
        : minutes < 48 * 60
          ? [Math.floor(minutes / 60), 'hour']
          : [Math.floor(minutes / 1440), 'day'];
  return kept(
    `unit:${unit}:${formatLocale}`,
    () => new Intl.NumberFormat(formatLocale, { style: 'unit', unit, unitDisplay: 'long' }),
  ).format(value);
}

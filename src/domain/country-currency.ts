import { data as currencies } from 'currency-codes';
import countries from 'i18n-iso-countries';
import { CURRENCIES } from './money.js';

const letters = (name: string) =>
  name
    .toLowerCase()
    .replace(/\(the\)/g, '')
    .replace(/[^a-z]/g, '');

/**
 * Each country's own currency, from ISO 4217's list of the countries each currency is used in, matched
 * to the country's English names (names and aliases, prefix either way: "United Kingdom" finds "United
 * Kingdom of Great Britain and Northern Ireland"). Where several currencies match, the one used in the
 * fewest countries is the local one (the Swiss franc, not a fund; the Bhutanese ngultrum, not the rupee).
 */
function ownCurrencies(): Map<string, string> {
  const money = currencies.filter((c) => CURRENCIES.includes(c.code));
  const result = new Map<string, string>();
  for (const [code, aliases] of Object.entries(countries.getNames('en', { select: 'all' }))) {
    const names = aliases.map(letters).filter((n) => n.length >= 4);
    const used = money.filter((c) =>
      c.countries.some((country) => {
        const n = letters(country);
        return names.some((a) => n === a || n.startsWith(a) || a.startsWith(n));
      }),
    );
    const own = used.sort((a, b) => a.countries.length - b.countries.length)[0];
    if (own) result.set(code, own.code);
  }
  return result;
}

const OWN = ownCurrencies();

/** The currency a deal for a customer in this country most likely uses (ISO alpha-2 in, ISO 4217 out). */
export function currencyOfCountry(country: string | undefined): string | undefined {
  return country ? OWN.get(country) : undefined;
}

import countries from 'i18n-iso-countries';
import { z } from 'zod';

/** Every ISO 3166-1 alpha-2 code i18n-iso-countries knows. */
export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();

export const CountryCode = z.enum(COUNTRY_CODES as [string, ...string[]], { error: 'country.invalid' });

/**
 * Countries whose postal addresses need a state or province. Product decision: elsewhere the field is
 * optional, since many countries have no such level a reviewer could use.
 */
export const COUNTRIES_WITH_STATES: ReadonlySet<string> = new Set(['US', 'CA', 'AU', 'BR', 'IN', 'MX']);

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Country names in one language, folded, to their codes; built once per language (few are asked for). */
const namesByLanguage = new Map<string, Map<string, string>>();
function namesIn(formatLocale: string): Map<string, string> {
  let names = namesByLanguage.get(formatLocale);
  if (!names) {
    let display: Intl.DisplayNames;
    try {
      display = new Intl.DisplayNames([formatLocale], { type: 'region', fallback: 'none' });
    } catch {
      return namesIn('en');
    }
    names = new Map(COUNTRY_CODES.map((code) => [fold(display.of(code) ?? code), code]));
    if (formatLocale === 'en') {
      for (const [code, aliases] of Object.entries(countries.getNames('en', { select: 'all' }))) {
        for (const alias of aliases) names.set(fold(alias), code);
      }
    }
    if (namesByLanguage.size < 50) namesByLanguage.set(formatLocale, names);
  }
  return names;
}

/**
 * A country typed rather than picked ("se", "SWE", "UK", "Sverige", "sweden"): its ISO alpha-2 code, read
 * as a code, a three-letter code, or a name in the seller's language or English; undefined if none.
 */
export function countryFromTyped(text: string, formatLocale = 'en'): string | undefined {
  const typed = text.trim();
  if (!typed) return undefined;
  const upper = typed.toUpperCase();
  if (COUNTRY_CODES.includes(upper)) return upper;
  if (upper === 'UK') return 'GB';
  if (/^[A-Z]{3}$/.test(upper)) {
    const code = countries.alpha3ToAlpha2(upper);
    if (code) return code;
  }
  const key = fold(typed);
  return namesIn(formatLocale.split('-')[0] ?? 'en').get(key) ?? namesIn('en').get(key);
}

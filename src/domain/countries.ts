import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { NamesToCodes } from './typed-names.js';

/** Every ISO 3166-1 alpha-2 code i18n-iso-countries knows. */
export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();

export const CountryCode = z.enum(COUNTRY_CODES as [string, ...string[]], { error: 'country.invalid' });

/**
 * Countries whose postal addresses need a state or province. Product decision: elsewhere the field is
 * optional, since many countries have no such level a reviewer could use.
 */
export const COUNTRIES_WITH_STATES: ReadonlySet<string> = new Set(['US', 'CA', 'AU', 'BR', 'IN', 'MX']);

/** Country names to codes: Intl's in each language, and in English the aliases ("UK", "USA") too. */
const countryNames = new NamesToCodes('region', COUNTRY_CODES, (language) =>
  language === 'en'
    ? Object.entries(countries.getNames('en', { select: 'all' })).flatMap(([code, aliases]) =>
        aliases.map((a): [string, string] => [a, code]),
      )
    : [],
);

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
  return countryNames.codeOf(typed, formatLocale.split('-')[0] ?? 'en');
}

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

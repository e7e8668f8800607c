import countries from 'i18n-iso-countries';
import { COUNTRY_CODES } from '../../src/domain/countries.js';
import { LOCALES } from '../../src/domain/deal.js';
import { CURRENCIES } from '../../src/domain/money.js';
import { FIXED_CHOICES } from '../../src/domain/registration.js';
import { countryName, currencyName } from '../format.js';
import type { Translate } from '../i18n/index.js';

interface Choice {
  code: string;
  name: string;
}

const countryLists = new Map<string, Choice[]>();
const currencyLists = new Map<string, Choice[]>();

/**
 * Countries by their localized name, in the locale's own alphabetical order. Teams filters a "filtered"
 * choice set by what its titles contain, so each title also carries the English name and the ISO codes:
 * "swe", "Sverige", "usa" and "UK" all find theirs.
 */
export function countryChoices(formatLocale: string): Choice[] {
  let list = countryLists.get(formatLocale);
  if (!list) {
    const collator = new Intl.Collator(formatLocale);
    list = COUNTRY_CODES.map((code) => ({ code, name: countryTitle(code, formatLocale) })).sort((a, b) => collator.compare(a.name, b.name));
    countryLists.set(formatLocale, list);
  }
  return list;
}

function countryTitle(code: string, formatLocale: string): string {
  // The name in the user's language first, then in each other language the bot speaks, so "Sverige" finds
  // Sweden in an English list and "Sweden" finds Sverige in a Swedish one.
  const names = [countryName(code, formatLocale), ...LOCALES.map((locale) => countryName(code, locale))];
  const also = [code, countries.alpha2ToAlpha3(code), code === 'GB' ? 'UK' : undefined];
  return [...new Set(names), ...also.filter(Boolean)].join(' · ');
}

/** Currencies in circulation, the tenant's recently used first, then by code; titled "SEK – Swedish krona". */
export function currencyChoices(formatLocale: string, recent: readonly string[] = []): Choice[] {
  let list = currencyLists.get(formatLocale);
  if (!list) {
    list = CURRENCIES.map((code) => ({ code, name: `${code} – ${currencyName(code, formatLocale)}` }));
    currencyLists.set(formatLocale, list);
  }
  if (recent.length === 0) return list;
  const first = recent.map((code) => list.find((c) => c.code === code)).filter((c): c is Choice => c !== undefined);
  return [...first, ...list.filter((c) => !recent.includes(c.code))];
}

/** The fixed choices of the wizard, titled in the user's language. */
export function fixedChoices(t: Translate) {
  return Object.fromEntries(
    Object.entries(FIXED_CHOICES).map(([field, choice]) => [
      field,
      choice.options.map((value) => ({ value, title: t(`choices.${field}.${value}`) })),
    ]),
  ) as Record<keyof typeof FIXED_CHOICES, { value: string; title: string }[]>;
}

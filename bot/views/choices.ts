import { COUNTRY_CODES } from '../../src/domain/countries.js';
import { CURRENCIES } from '../../src/domain/money.js';
import { countryName, currencyName } from '../format.js';
import type { Translate } from '../i18n/index.js';

interface Choice {
  code: string;
  name: string;
}

const countryLists = new Map<string, Choice[]>();
const currencyLists = new Map<string, Choice[]>();

/** Countries by their localized name, in the locale's own alphabetical order. */
export function countryChoices(formatLocale: string): Choice[] {
  let list = countryLists.get(formatLocale);
  if (!list) {
    const collator = new Intl.Collator(formatLocale);
    list = COUNTRY_CODES.map((code) => ({ code, name: countryName(code, formatLocale) })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
    countryLists.set(formatLocale, list);
  }
  return list;
}

export function currencyChoices(formatLocale: string): Choice[] {
  let list = currencyLists.get(formatLocale);
  if (!list) {
    list = CURRENCIES.map((code) => ({ code, name: `${code} – ${currencyName(code, formatLocale)}` }));
    currencyLists.set(formatLocale, list);
  }
  return list;
}

const OPTIONS = {
  contractType: ['new', 'renewal'],
  billingModel: ['fixed', 'payg'],
  deployedOn: ['azure', 'other'],
  deployedWhere: ['customer_tenant', 'partner_tenant'],
  endKind: ['date', 'perpetual'],
} as const;

/** The fixed choices of the wizard, titled in the user's language. */
export function fixedChoices(t: Translate) {
  return Object.fromEntries(
    Object.entries(OPTIONS).map(([field, values]) => [
      field,
      values.map((value) => ({ value, title: t(`choices.${field}.${value}`) })),
    ]),
  ) as Record<keyof typeof OPTIONS, { value: string; title: string }[]>;
}

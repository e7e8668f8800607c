import { readFileSync } from 'node:fs';
import { createInstance, type TFunction } from 'i18next';
import { LOCALES, type Locale } from '../../src/domain/deal.js';
import en from './en.json' with { type: 'json' };

/** One language's catalogue: its texts, and in `said` the words people type in it. English sets the shape. */
export type Catalogue = typeof en;

/**
 * Every language's catalogue, read from `<locale>.json` beside this file for each of LOCALES, so a new
 * language needs no line of code here; a test keeps them all in step with English.
 */
export const catalogues: Readonly<Record<Locale, Catalogue>> = Object.fromEntries(
  LOCALES.map((locale) => [locale, locale === 'en' ? en : JSON.parse(readFileSync(new URL(`./${locale}.json`, import.meta.url), 'utf8'))]),
) as Record<Locale, Catalogue>;

/** Who to ask, in each language's own words, taken before configureTexts() replaces it. */
const GENERIC_SUPPORT = Object.fromEntries(LOCALES.map((locale) => [locale, catalogues[locale].support]));

const i18n = createInstance();
// Resources are bundled, so init completes synchronously.
void i18n.init({
  resources: Object.fromEntries(LOCALES.map((locale) => [locale, { translation: structuredClone(catalogues[locale]) }])),
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type Translate = TFunction;

const translators = new Map<Locale, Translate>();

/** The locale's translate function. A card looks up some forty labels; a text without options is the same
 *  every time, so each is looked up in i18next once and kept (the keys are the catalogue's, bounded). */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = keepingPlainTexts(i18n.getFixedT(locale));
    translators.set(locale, t);
  }
  return t;
}

function keepingPlainTexts(t: TFunction): Translate {
  const plain = new Map<string, string>();
  const translate = (key: unknown, ...rest: unknown[]) => {
    if (typeof key !== 'string' || rest.length > 0) return (t as unknown as (...args: unknown[]) => unknown)(key, ...rest);
    let text = plain.get(key);
    if (text === undefined) {
      text = t(key);
      plain.set(key, text);
    }
    return text;
  };
  return translate as unknown as Translate;
}

/**
 * Who sellers should ask about the catalogue (SUPPORT_CONTACT), named by the texts that say "ask …"
 * through the "support" key; without one, each language's own words for whoever runs Dealbot.
 */
export function configureTexts({ supportContact }: { supportContact?: string }): void {
  for (const [language, words] of Object.entries(GENERIC_SUPPORT)) {
    i18n.addResource(language, 'translation', 'support', supportContact ?? words);
  }
  translators.clear();
}

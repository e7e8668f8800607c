import { createInstance, type TFunction } from 'i18next';
import type { Locale } from '../../src/domain/deal.js';
import da from './da.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import fi from './fi.json' with { type: 'json' };
import nb from './nb.json' with { type: 'json' };
import sv from './sv.json' with { type: 'json' };

const i18n = createInstance();
// Resources are bundled, so init completes synchronously.
void i18n.init({
  resources: {
    en: { translation: en },
    sv: { translation: sv },
    nb: { translation: nb },
    da: { translation: da },
    fi: { translation: fi },
  },
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
// Taken before any configuration: i18next writes resources into the catalogue objects themselves.
const GENERIC_SUPPORT = { en: en.support, sv: sv.support, nb: nb.support, da: da.support, fi: fi.support };

/** Every catalogue: a test keeps them all in step with English. */
export const catalogues = { en, sv, nb, da, fi } as const;

import { createInstance, type TFunction } from 'i18next';
import type { Locale } from '../../src/domain/deal.js';
import en from './en.json' with { type: 'json' };
import sv from './sv.json' with { type: 'json' };

const i18n = createInstance();
// Resources are bundled, so init completes synchronously.
void i18n.init({
  resources: { en: { translation: en }, sv: { translation: sv } },
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type Translate = TFunction;

export function translator(locale: Locale): Translate {
  return i18n.getFixedT(locale);
}

/** Whether a key exists in a catalogue: a test keeps en and sv in step. */
export const catalogues = { en, sv } as const;

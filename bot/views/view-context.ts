import type { Deal, Locale } from '../../src/domain/deal.js';
import type { DealFile } from '../../src/domain/deal-file.js';
import type { FieldErrors } from '../../src/domain/field-error.js';
import type { RegistrationPolicy } from '../../src/domain/policy.js';
import type { Solution } from '../../src/solutions.js';
import { type Translate, translator } from '../i18n/index.js';

/** What every view needs to speak to one user: their language, their formats, the catalogue. */
export interface ViewContext {
  locale: Locale;
  formatLocale: string;
  timeZone: string;
  t: Translate;
  solutions: readonly Solution[];
  policy: RegistrationPolicy;
  /** Where the bot is served, for deal links; empty where no card shows one (proactive cards). */
  publicUrl: string;
  /** A link that opens a deal's file for the user the card is drawn for; none where the card is seen by many. */
  fileLink?: (deal: Deal, file: DealFile) => string | undefined;
}

export function viewContext(
  who: { locale: Locale; formatLocale: string; timeZone?: string },
  solutions: readonly Solution[],
  policy: RegistrationPolicy,
  publicUrl = '',
): ViewContext {
  const { locale, formatLocale, timeZone = 'UTC' } = who;
  return { locale, formatLocale, timeZone, t: translator(locale), solutions, policy, publicUrl };
}

/** One message per field, in the user's language; every field of the card gets a key, empty if fine. */
export function errorTexts(fields: readonly string[], errors: FieldErrors, t: Translate): Record<string, string> {
  return Object.fromEntries(
    fields.map((f) => {
      const error = errors[f];
      return [f, error ? t(`errors.${error.code}`, { ...error.params, defaultValue: t('errors.format.invalid') }) : ''];
    }),
  );
}

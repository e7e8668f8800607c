import type { Deal } from '../../src/domain/deal.js';
import type { Translate } from '../i18n/index.js';

/**
 * Duplicates a card names one by one; past these, one line counts the rest. A customer with a thousand
 * deals made a card of 200 KB, which Teams refuses (it takes about 28 KB a message), so every send of it
 * failed and was retried for ever.
 */
export const SHOWN_DUPLICATES = 5;

/** The newest duplicates as lines, then "…and N more" for the rest. */
export function duplicateLines(duplicates: readonly Deal[], line: (d: Deal) => string, t: Translate): { text: string }[] {
  const newest = [...duplicates].sort((a, b) => (b.registeredAt ?? b.createdAt).localeCompare(a.registeredAt ?? a.createdAt));
  const shown = newest.slice(0, SHOWN_DUPLICATES).map((d) => ({ text: line(d) }));
  const more = duplicates.length - shown.length;
  return more > 0 ? [...shown, { text: t('warnings.moreDuplicates', { count: more }) }] : shown;
}

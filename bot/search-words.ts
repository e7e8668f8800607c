import { LOCALES } from '../src/domain/deal.js';
import type { DealSearch } from '../src/domain/deal-search.js';
import { PAGE_NAMES, PAGES, STATUSES, type Status } from '../src/domain/status.js';
import { catalogues, translator } from './i18n/index.js';

/** Lower case, hyphens and underscores as spaces, one space between words: "In-progress" reads "in progress". */
const normalized = (text: string) =>
  text
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ')
    .trim();

/**
 * Every word for a status people may type into a search, in every language the bot speaks: the statuses'
 * names ("in review", "granskas") and the pages' ("in progress", "pågår"), longest first so "update
 * required" is taken before anything shorter inside it.
 */
const STATUS_WORDS: [string, readonly Status[]][] = (() => {
  const words = new Map<string, Set<Status>>();
  const add = (word: string, statuses: readonly Status[]) => {
    const key = normalized(word);
    if (!words.has(key)) words.set(key, new Set());
    for (const s of statuses) words.get(key)!.add(s);
  };
  for (const locale of LOCALES) {
    const t = translator(locale);
    for (const status of STATUSES) add(t(`status.${status}`), [status]);
    for (const page of PAGE_NAMES) add(t(`pages.${page}`), PAGES[page]);
  }
  for (const status of STATUSES) add(status, [status]);
  for (const page of PAGE_NAMES) add(page, PAGES[page]);
  return [...words].map(([word, statuses]) => [word, [...statuses]] as [string, Status[]]).sort((a, b) => b[0].length - a[0].length);
})();

/** Words around what someone looks for ("show my deals with …"), in every language (each catalogue's
 *  `said.searchFillerWords`), as Copilot may pass a request on whole. */
const FILLER = new Set(LOCALES.flatMap((locale) => catalogues[locale].said.searchFillerWords as readonly string[]));

/**
 * What a search box's text asks for: the status words it holds (in any of the bot's languages) become
 * statuses, whatever is left is looked for in customers' names and references. `statusChoice` is a status
 * or page named apart (Copilot fills the command's status parameter).
 */
export function dealSearchOf(typed: string, statusChoice?: string): DealSearch {
  const tokens = typed.split(/\s+/);
  // A reference is kept whole (its hyphen is not a space) and is all that is looked for.
  const ref = tokens.find((token) => /^D-[0-9A-F]{2,8}$/i.test(token));
  let rest = ` ${normalized(tokens.filter((token) => token !== ref).join(' '))} `;
  const statuses = new Set<Status>();
  for (const [word, named] of STATUS_WORDS) {
    const at = rest.indexOf(` ${word} `);
    if (at < 0) continue;
    rest = `${rest.slice(0, at)} ${rest.slice(at + word.length + 1)}`;
    for (const s of named) statuses.add(s);
  }
  if (statusChoice) for (const s of STATUS_WORDS.find(([word]) => word === normalized(statusChoice))?.[1] ?? []) statuses.add(s);
  const words = rest.split(' ').filter((w) => w && !FILLER.has(w));
  return { text: ref ?? words.join(' '), statuses: [...statuses] };
}

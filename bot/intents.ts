import damerauLevenshtein from 'damerau-levenshtein';
import { LOCALES, type Locale } from '../src/domain/deal.js';
import type { PageName, Status } from '../src/domain/status.js';
import { type Catalogue, catalogues } from './i18n/index.js';

/** What a typed message can ask for. */
export type Intent =
  | { kind: 'register' }
  | { kind: 'continue' }
  | { kind: 'myDeals' }
  | { kind: 'help' }
  | { kind: 'page'; page: PageName; filter?: Status }
  | { kind: 'open'; ref: string }
  | { kind: 'openByCustomer'; customer: string }
  | { kind: 'useForReviews'; name?: string }
  | { kind: 'reviewQueue' }
  | { kind: 'pipeline'; scope: 'mine' | 'desk' };
export type IntentKind = Intent['kind'];

const page = (p: PageName, filter?: Status): Intent => ({ kind: 'page', page: p, filter });

/** What each group of phrases in a catalogue's `said.phrases` asks for. */
const MEANING: Record<keyof Catalogue['said']['phrases'], Intent> = {
  register: { kind: 'register' },
  continue: { kind: 'continue' },
  myDeals: { kind: 'myDeals' },
  help: { kind: 'help' },
  useForReviews: { kind: 'useForReviews' },
  myPipeline: { kind: 'pipeline', scope: 'mine' },
  deskPipeline: { kind: 'pipeline', scope: 'desk' },
  reviewQueue: { kind: 'reviewQueue' },
  inProgress: page('in_progress'),
  actionRequired: page('action_required'),
  incomplete: page('action_required', 'incomplete'),
  updateRequired: page('action_required', 'update_required'),
  closed: page('closed'),
  approved: page('closed', 'approved'),
  declined: page('closed', 'declined'),
};

/** The words of one kind (`said.<kind>`) in every language the bot speaks, for typed text is not tagged
 *  with its language (Teams sends the client's locale, not the message's). */
const wordsOf = (kind: 'fillerWords' | 'dealWords' | 'openWords' | 'showWords' | 'beforeCustomerWords' | 'nameWords'): string[] => [
  ...new Set(LOCALES.flatMap((locale) => catalogues[locale].said[kind] as readonly string[])),
];

/** What people say, from every catalogue; matching ignores case, punctuation, filler words and small typos. */
const PHRASES: [string, Intent][] = LOCALES.flatMap((locale) =>
  Object.entries(catalogues[locale].said.phrases).flatMap(([group, phrases]) =>
    (phrases as readonly string[]).map((phrase): [string, Intent] => [phrase, MEANING[group as keyof typeof MEANING]]),
  ),
);

/**
 * Words that carry no intent of their own ("show me my in-progress deals" means "in progress"). Said alone,
 * filler that names deals ("show me deals", "my deals please") means the overview.
 */
const FILLER = new Set(wordsOf('fillerWords'));

/** Lower case, no @mention, no punctuation, single spaces. */
export function normalise(text: string): string {
  return text
    .replace(/<at>.*?<\/at>/gi, ' ')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words for a deal or deals: said among filler only, they ask for the overview. */
const DEAL_WORDS = new Set(wordsOf('dealWords'));

/** Filler words long enough that a typo in one ("shwo", "pleas") is still read as that word. */
const LONG_FILLER = [...FILLER].filter((w) => w.length >= 4);
const isFiller = (word: string) =>
  FILLER.has(word) ||
  (word.length >= 4 && LONG_FILLER.some((f) => Math.abs(f.length - word.length) <= 1 && damerauLevenshtein(word, f).steps <= 1));

/** The words that matter: filler gone. (Inflections are left to the typo tolerance: "stängd" is one from "stängda".) */
function core(normalised: string): string {
  return normalised
    .split(' ')
    .filter((w) => w && !isFiller(w))
    .join(' ');
}

/** Typos forgiven (a swap of two letters is one): none in very short words, one in short ones, two in longer ones. */
function tolerance(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

const INDEXED = PHRASES.map(([phrase, intent]) => ({ full: normalise(phrase), core: core(normalise(phrase)), intent }));

/** Each command as written (whole, or without its filler), and the languages whose catalogues have it. */
const LANGUAGES_OF_COMMAND = new Map<string, Set<Locale>>();
for (const locale of LOCALES) {
  for (const phrases of Object.values(catalogues[locale].said.phrases) as readonly (readonly string[])[]) {
    for (const phrase of phrases) {
      for (const form of [normalise(phrase), core(normalise(phrase))]) {
        if (form) LANGUAGES_OF_COMMAND.set(form, new Set([...(LANGUAGES_OF_COMMAND.get(form) ?? []), locale]));
      }
    }
  }
}

/**
 * The language a typed command is in, when only one language has it ("registrera ett avtal" is Swedish;
 * "min pipeline" is Swedish, Norwegian and Danish, so none): a Swedish seller whose Teams speaks English
 * is answered in Swedish.
 */
export function languageOfCommand(text: string): Locale | undefined {
  const said = normalise(text);
  const languages = LANGUAGES_OF_COMMAND.get(said) ?? LANGUAGES_OF_COMMAND.get(core(said));
  return languages?.size === 1 ? [...languages][0] : undefined;
}

/** Alternatives of a regular expression matching any of the phrases, whole words, longest first. */
const anyOf = (phrases: readonly string[]): string =>
  [...phrases]
    .sort((x, y) => y.length - x.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');

/** "open D-1A2B3C4D" (the reference a deal card shows) or a whole deal id. */
const OPEN = new RegExp(
  `^(?:${anyOf([...wordsOf('openWords'), ...wordsOf('showWords')])})(?:\\s+(?:${anyOf(wordsOf('dealWords'))}))?\\s+(d-[0-9a-f]{8}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})[.!]?$`,
  'u',
);

/** "open fabrikam", "öppna Contoso AB": the seller's own deals for that customer. */
const OPEN_BY_CUSTOMER = new RegExp(
  `^(?:${anyOf(wordsOf('openWords'))})\\s+(?:(?:${anyOf([...wordsOf('beforeCustomerWords'), ...wordsOf('dealWords')])})\\s+)*(\\S.{0,99})$`,
  'u',
);

/** "use this channel for reviews as Nordic": a claim under a name that routing rules use (its case kept). */
const CLAIM_AS = new RegExp(
  `^(?:${anyOf(PHRASES.filter(([, intent]) => intent.kind === 'useForReviews').map(([phrase]) => phrase))})\\s+(?:${anyOf(wordsOf('nameWords'))})\\s+["“”']?(.+?)["“”']?[.!]?$`,
  'iu',
);

/** Longer than any phrase plus its filler: not a command, and too costly to compare letter by letter. */
const MAX_COMMAND_LENGTH = 80;

export function matchIntent(text: string): Intent | undefined {
  if (text.length > 4 * MAX_COMMAND_LENGTH) return undefined;
  const claimAs = CLAIM_AS.exec(
    text
      .replace(/<at>.*?<\/at>/gi, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  if (claimAs) return { kind: 'useForReviews', name: claimAs[1]!.trim() };
  const open = OPEN.exec(
    text
      .replace(/<at>.*?<\/at>/gi, ' ')
      .trim()
      .toLowerCase(),
  );
  if (open) return { kind: 'open', ref: open[1]! };
  const said = normalise(text);
  const exact = INDEXED.find((p) => p.full === said);
  if (exact) return exact.intent;
  const saidCore = core(said);
  if (!saidCore) return said.split(' ').some((w) => DEAL_WORDS.has(w)) ? { kind: 'myDeals' } : undefined;
  if (saidCore.length > MAX_COMMAND_LENGTH) return undefined;
  let best: { distance: number; intent: Intent } | undefined;
  let tie = false;
  for (const phrase of INDEXED) {
    if (!phrase.core || Math.abs(phrase.core.length - saidCore.length) > tolerance(phrase.core.length)) continue;
    const distance = damerauLevenshtein(saidCore, phrase.core).steps;
    if (distance > tolerance(phrase.core.length)) continue;
    if (!best || distance < best.distance) {
      best = { distance, intent: phrase.intent };
      tie = false;
    } else if (distance === best.distance && JSON.stringify(best.intent) !== JSON.stringify(phrase.intent)) {
      tie = true;
    }
  }
  // Two different readings equally close: better to show the help card than to guess.
  if (best && !tie) return best.intent;
  if (tie) return undefined;
  const byCustomer = OPEN_BY_CUSTOMER.exec(said);
  return byCustomer ? { kind: 'openByCustomer', customer: byCustomer[1]! } : undefined;
}

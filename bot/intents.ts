import damerauLevenshtein from 'damerau-levenshtein';
import type { PageName, Status } from '../src/domain/status.js';

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

/** What people say, in the bot's five languages; matching ignores case, punctuation, filler words and small typos. */
const PHRASES: [string, Intent][] = [
  ['register a deal', { kind: 'register' }],
  ['new deal', { kind: 'register' }],
  ['registrera ett avtal', { kind: 'register' }],
  ['nytt avtal', { kind: 'register' }],
  ['continue', { kind: 'continue' }],
  ['continue my draft', { kind: 'continue' }],
  ['resume', { kind: 'continue' }],
  ['fortsätt', { kind: 'continue' }],
  ['fortsätt mitt utkast', { kind: 'continue' }],
  ['my deals', { kind: 'myDeals' }],
  ['mina avtal', { kind: 'myDeals' }],
  ['deals', { kind: 'myDeals' }],
  ['overview', { kind: 'myDeals' }],
  ['översikt', { kind: 'myDeals' }],
  ['help', { kind: 'help' }],
  ['what can you do', { kind: 'help' }],
  ['hjälp', { kind: 'help' }],
  ['vad kan du göra', { kind: 'help' }],
  ['hello', { kind: 'help' }],
  ['hej', { kind: 'help' }],
  ['use this channel for reviews', { kind: 'useForReviews' }],
  ['use this chat for reviews', { kind: 'useForReviews' }],
  ['använd den här kanalen för granskning', { kind: 'useForReviews' }],
  ['använd den här chatten för granskning', { kind: 'useForReviews' }],
  ['använd kanalen för granskning', { kind: 'useForReviews' }],
  ['my pipeline', { kind: 'pipeline', scope: 'mine' }],
  ['min pipeline', { kind: 'pipeline', scope: 'mine' }],
  ['oma myyntiputki', { kind: 'pipeline', scope: 'mine' }],
  ['desk pipeline', { kind: 'pipeline', scope: 'desk' }],
  ['deskens pipeline', { kind: 'pipeline', scope: 'desk' }],
  ['tiimin myyntiputki', { kind: 'pipeline', scope: 'desk' }],
  ['review queue', { kind: 'reviewQueue' }],
  ['deals to review', { kind: 'reviewQueue' }],
  ['the queue', { kind: 'reviewQueue' }],
  ['granskningskö', { kind: 'reviewQueue' }],
  ['granskningskön', { kind: 'reviewQueue' }],
  ['avtal att granska', { kind: 'reviewQueue' }],
  ['show my in-progress deals', page('in_progress')],
  ['in progress', page('in_progress')],
  ['in review', page('in_progress')],
  ['visa mina pågående avtal', page('in_progress')],
  ['pågående', page('in_progress')],
  ['granskas', page('in_progress')],
  ['action required', page('action_required')],
  ['what needs my attention', page('action_required')],
  ['to do', page('action_required')],
  ['åtgärd krävs', page('action_required')],
  ['vad behöver jag göra', page('action_required')],
  ['incomplete', page('action_required', 'incomplete')],
  ['drafts', page('action_required', 'incomplete')],
  ['ofullständiga', page('action_required', 'incomplete')],
  ['utkast', page('action_required', 'incomplete')],
  ['update required', page('action_required', 'update_required')],
  ['uppdatering krävs', page('action_required', 'update_required')],
  ['closed', page('closed')],
  ['stängda', page('closed')],
  ['approved', page('closed', 'approved')],
  ['godkända', page('closed', 'approved')],
  ['declined', page('closed', 'declined')],
  ['avböjda', page('closed', 'declined')],
  // Norwegian (Bokmål)
  ['registrer en avtale', { kind: 'register' }],
  ['ny avtale', { kind: 'register' }],
  ['fortsett', { kind: 'continue' }],
  ['mine avtaler', { kind: 'myDeals' }],
  ['hjelp', { kind: 'help' }],
  ['vis mine pågående avtaler', page('in_progress')],
  ['til vurdering', page('in_progress')],
  ['handling kreves', page('action_required')],
  ['ufullstendige', page('action_required', 'incomplete')],
  ['oppdatering kreves', page('action_required', 'update_required')],
  ['lukket', page('closed')],
  ['godkjent', page('closed', 'approved')],
  ['avslått', page('closed', 'declined')],
  ['bruk denne kanalen til vurdering', { kind: 'useForReviews' }],
  ['vurderingskø', { kind: 'reviewQueue' }],
  // Danish
  ['registrer en aftale', { kind: 'register' }],
  ['ny aftale', { kind: 'register' }],
  ['fortsæt', { kind: 'continue' }],
  ['mine aftaler', { kind: 'myDeals' }],
  ['hjælp', { kind: 'help' }],
  ['vis mine igangværende aftaler', page('in_progress')],
  ['i gang', page('in_progress')],
  ['til gennemgang', page('in_progress')],
  ['handling påkrævet', page('action_required')],
  ['ufuldstændige', page('action_required', 'incomplete')],
  ['kladder', page('action_required', 'incomplete')],
  ['opdatering påkrævet', page('action_required', 'update_required')],
  ['godkendt', page('closed', 'approved')],
  ['afvist', page('closed', 'declined')],
  ['brug denne kanal til gennemgang', { kind: 'useForReviews' }],
  ['gennemgangskø', { kind: 'reviewQueue' }],
  // Finnish
  ['rekisteröi sopimus', { kind: 'register' }],
  ['uusi sopimus', { kind: 'register' }],
  ['jatka', { kind: 'continue' }],
  ['omat sopimukset', { kind: 'myDeals' }],
  ['ohje', { kind: 'help' }],
  ['näytä käynnissä olevat sopimukseni', page('in_progress')],
  ['käynnissä', page('in_progress')],
  ['tarkistettavana', page('in_progress')],
  ['toimia vaaditaan', page('action_required')],
  ['keskeneräiset', page('action_required', 'incomplete')],
  ['luonnokset', page('action_required', 'incomplete')],
  ['päivitys vaaditaan', page('action_required', 'update_required')],
  ['suljetut', page('closed')],
  ['hyväksytyt', page('closed', 'approved')],
  ['hylätyt', page('closed', 'declined')],
  ['käytä tätä kanavaa tarkistuksiin', { kind: 'useForReviews' }],
  ['tarkistusjono', { kind: 'reviewQueue' }],
];

/**
 * Words that carry no intent of their own ("show me my in-progress deals" means "in progress"). Said alone,
 * filler that names deals ("show me deals", "my deals please") means the overview.
 */
const FILLER = new Set(
  [
    'a an the show me my all please list deals deal page see view what are is of can i',
    'visa mig mina min mitt alla avtal avtalen lista sidan snälla tack',
    'vis meg mine min mitt alle avtaler avtalene takk',
    'mig aftaler aftalerne tak',
    'näytä minun kaikki sopimukset sopimukseni kiitos',
  ]
    .join(' ')
    .split(' '),
);

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

const DEAL_NOUNS = new Set([
  'deal',
  'deals',
  'avtal',
  'avtalen',
  'avtaler',
  'avtalene',
  'aftaler',
  'aftalerne',
  'sopimukset',
  'sopimukseni',
]);

/** The words that matter: filler gone. (Inflections are left to the typo tolerance: "stängd" is one from "stängda".) */
function core(normalised: string): string {
  return normalised
    .split(' ')
    .filter((w) => w && !FILLER.has(w))
    .join(' ');
}

/** Typos forgiven (a swap of two letters is one): none in very short words, one in short ones, two in longer ones. */
function tolerance(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

const INDEXED = PHRASES.map(([phrase, intent]) => ({ full: normalise(phrase), core: core(normalise(phrase)), intent }));

/** "open D-1A2B3C4D" (the reference a deal card shows) or a whole deal id. */
const OPEN =
  /^(?:open|show|öppna|visa|åpne|vis|åbn|avaa|näytä)(?:\s+(?:deal|avtal|avtalet|avtale|avtalen|aftale|aftalen|sopimus))?\s+(d-[0-9a-f]{8}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})[.!]?$/;

/** "open fabrikam", "öppna Contoso AB": the seller's own deals for that customer. */
const OPEN_BY_CUSTOMER =
  /^(?:open|öppna|åpne|åbn|avaa)\s+(?:(?:the|my|mitt|mina|deal|deals|avtal|avtalet|avtalen|for|with|med|för)\s+)*(\S.{0,99})$/;

/** "use this channel for reviews as Nordic": a claim under a name that routing rules use (its case kept). */
const CLAIM_AS =
  /^(?:use this (?:channel|chat) for reviews|använd (?:(?:den här|denna) )?(?:kanalen|chatten) för granskning(?:ar)?|bruk denne kanalen til vurdering|brug denne kanal til gennemgang|käytä tätä kanavaa tarkistuksiin)\s+(?:as|named|called|som|med namnet|kuten|nimellä)\s+["“”']?(.+?)["“”']?[.!]?$/iu;

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
  if (!saidCore) return said.split(' ').some((w) => DEAL_NOUNS.has(w)) ? { kind: 'myDeals' } : undefined;
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

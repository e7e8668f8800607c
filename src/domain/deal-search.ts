import type { Deal } from './deal.js';
import { dealRef } from './deal-ref.js';
import { comparableName } from './review.js';
import type { Status } from './status.js';

/** What someone searching their deals asked for: words to find, and the statuses they named (none: any). */
export interface DealSearch {
  text: string;
  statuses: readonly Status[];
  /** Who searches: someone else's draft (never registered) is theirs alone, and never found. */
  viewerId?: string;
}

/** "D-1A2B" or "d-1a2b3c4d": a reference, or the start of one, as someone types it. */
const TYPED_REF = /^D-?([0-9A-F]{2,8})$/i;

/**
 * Whether the deal is one the search asks for: not someone else's draft, in a status it named, and its customer's name holding the
 * text (compared as the duplicate rule compares names) or its reference starting with it.
 */
export function matchesSearch(deal: Deal, search: DealSearch): boolean {
  if (search.viewerId !== undefined && deal.registeredAt === undefined && deal.ownerId !== search.viewerId) return false;
  if (search.statuses.length > 0 && !search.statuses.includes(deal.status)) return false;
  return !search.text.trim() || textMatches(deal.id, searchableName(deal), search.text);
}

/** The typed text names the deal: its reference starts with it, or its customer's name holds it. */
function textMatches(dealId: string, comparable: string, typed: string): boolean {
  const text = typed.trim();
  const ref = TYPED_REF.exec(text.replace(/\s+/g, ''));
  if (ref && dealRef(dealId).slice(2).startsWith(ref[1]!.toUpperCase())) return true;
  const wanted = comparableName(text);
  return wanted !== '' && comparable.includes(wanted);
}

/**
 * The search index's words: each word of a customer's name, compared as names are, by its first three
 * and its first four characters; a reference by its first three. A reviewer's search reads the document of
 * one word it was given instead of the whole tenant, so it finds names with a word starting with what was
 * typed ("volv" finds "AB Volvo", "wind" does not find "Northwind"); a search with no word of three
 * characters reads the tenant as before.
 */
export const SEARCH_PREFIXES = [3, 4] as const;
const REF_PREFIX = 3;
const wordsOf = (text: string) =>
  text
    .split(/[^\p{L}\p{N}]+/u)
    .map(comparableName)
    .filter(Boolean);
/** A word's index word: its first four characters, or three when that is all it has (or all that was typed). */
const wordToken = (word: string, length: number) => `n${length}:${word.slice(0, length)}`;

/** The index words a registered deal is listed under: its name's word prefixes, and its reference's start. */
export function searchTokensOf(deal: Pick<Deal, 'id' | 'fields'>): string[] {
  const words = wordsOf(deal.fields.customer?.companyName ?? '');
  const names = SEARCH_PREFIXES.flatMap((length) => words.filter((w) => w.length >= length).map((w) => wordToken(w, length)));
  return [...new Set([...names, `r:${dealRef(deal.id).slice(2, 2 + REF_PREFIX)}`])];
}

/**
 * The index words that can answer this search, each enough alone (a deal found must be listed under every
 * one of them): each typed word of three characters or more, by as much of it as the index keeps, and a
 * typed reference's start. None: the search cannot use the index.
 */
export function searchTokensFor(search: DealSearch): { names: string[]; ref?: string } {
  const text = search.text.trim();
  const ref = TYPED_REF.exec(text.replace(/\s+/g, ''));
  const longest = SEARCH_PREFIXES[SEARCH_PREFIXES.length - 1]!;
  const names = wordsOf(text)
    .filter((w) => w.length >= SEARCH_PREFIXES[0])
    .map((w) => wordToken(w, Math.min(w.length, longest)));
  return {
    names: [...new Set(names)],
    ref: ref && ref[1]!.length >= REF_PREFIX ? `r:${ref[1]!.slice(0, REF_PREFIX).toUpperCase()}` : undefined,
  };
}

/** The comparable name an index entry carries, so a search filters entries before it reads any deal. */
export const searchableName = (deal: Pick<Deal, 'fields'>) => comparableName(deal.fields.customer?.companyName ?? '');

/** Whether an index entry (a deal's id and comparable name, as indexed) may be one the search asks for. */
export function entryMayMatch(entry: { id: string; n?: string }, search: DealSearch): boolean {
  return textMatches(entry.id, entry.n ?? '', search.text);
}

const newestFirst = (a: Deal, b: Deal) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);

/**
 * The newest `keep` deals of those offered, batch by batch: memory holds twice `keep` at most, however
 * many deals a tenant has.
 */
export class NewestMatches {
  private held: Deal[] = [];

  constructor(
    private readonly search: DealSearch,
    private readonly keep: number,
  ) {}

  offer(deals: readonly Deal[]): void {
    for (const deal of deals) if (matchesSearch(deal, this.search)) this.held.push(deal);
    if (this.held.length > 2 * this.keep) this.held = this.held.sort(newestFirst).slice(0, this.keep);
  }

  /** The matches, newest change first. */
  newest(): Deal[] {
    return this.held.sort(newestFirst).slice(0, this.keep);
  }
}

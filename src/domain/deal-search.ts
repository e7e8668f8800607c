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
  const text = search.text.trim();
  if (!text) return true;
  const ref = TYPED_REF.exec(text.replace(/\s+/g, ''));
  if (ref && dealRef(deal.id).slice(2).startsWith(ref[1]!.toUpperCase())) return true;
  const wanted = comparableName(text);
  return wanted !== '' && comparableName(deal.fields.customer?.companyName ?? '').includes(wanted);
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

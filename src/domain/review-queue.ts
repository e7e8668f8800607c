import type { Deal } from './deal.js';
import { conversationFor, type Desk } from './desk.js';

/** When the deal last entered review (registered, or registered again after an update). */
export function enteredReviewAt(deal: Deal): string {
  const entry = [...deal.history].reverse().find((h) => h.to === 'in_review' && h.from !== 'in_review');
  return entry?.at ?? deal.updatedAt;
}

export interface QueueFilter {
  /** The customer's country or region (ISO 3166 alpha-2). */
  country?: string;
  /** A catalogue solution id. */
  solution?: string;
}

export interface QueuePage {
  /** This page's deals, oldest wait first. */
  deals: Deal[];
  /** Deals matching the filter, on every page. */
  total: number;
  offset: number;
  /** What the filters can offer: the countries and solutions of every deal waiting, sorted. */
  countries: string[];
  solutions: string[];
}

/** The deal desk's queue: deals In review, oldest wait first, filtered, one page of `limit` from `offset`. */
export function queuePage(inReview: readonly Deal[], filter: QueueFilter, offset: number, limit: number): QueuePage {
  const waiting = inReview
    .filter((d) => d.status === 'in_review')
    .sort((a, b) => enteredReviewAt(a).localeCompare(enteredReviewAt(b)) || a.id.localeCompare(b.id));
  const matching = waiting.filter(
    (d) =>
      (!filter.country || d.fields.customer?.country === filter.country) &&
      (!filter.solution || d.fields.solution?.solutionId === filter.solution),
  );
  const start = Math.min(offset, Math.max(0, matching.length - 1 - ((matching.length - 1) % limit)));
  const distinct = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => v !== undefined))].sort();
  return {
    deals: matching.slice(start, start + limit),
    total: matching.length,
    offset: start,
    countries: distinct(waiting.map((d) => d.fields.customer?.country)),
    solutions: distinct(waiting.map((d) => d.fields.solution?.solutionId)),
  };
}

/** The deals In review longer than `afterMs`, grouped by the review conversation their card belongs to, oldest first. */
export function waitingTooLong(inReview: readonly Deal[], desk: Desk, now: Date, afterMs: number): Map<string, Deal[]> {
  const byConversation = new Map<string, Deal[]>();
  const cutoff = now.getTime() - afterMs;
  const late = inReview
    .filter((d) => d.status === 'in_review' && Date.parse(enteredReviewAt(d)) <= cutoff)
    .sort((a, b) => enteredReviewAt(a).localeCompare(enteredReviewAt(b)));
  for (const deal of late) {
    const posted =
      deal.reviewPost && desk.conversations.find((c) => c.reference.conversationId === deal.reviewPost!.conversationId && !c.gone);
    const conversation = posted || conversationFor(desk, deal.review?.conversation);
    if (!conversation) continue; // no conversation can take a digest; the cards wait for a claim
    byConversation.set(conversation.name, [...(byConversation.get(conversation.name) ?? []), deal]);
  }
  return byConversation;
}

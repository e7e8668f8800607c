import type { Deal } from './deal.js';
import { enteredReviewAt } from './review-queue.js';

/** The deal desk's figures: what waits now, and how long decisions took lately. */
export interface ReviewStats {
  /** Deals In review now. */
  waiting: number;
  /** How long the oldest of them has waited, in seconds; undefined when none waits. */
  oldestWaitSeconds?: number;
  /** Decisions (approve, decline, request update) in the period, and the time from entering review to each. */
  decided: number;
  medianSeconds?: number;
  p90Seconds?: number;
}

const DECISIONS = new Set(['approved', 'declined', 'update_required']);

/** The p-th percentile by nearest rank (p in 0..1) of sorted values. */
function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * From the deals waiting and the deals decided lately: each decision made since `since` counts once, timed
 * from when the deal last entered review before it. Pure, so it is tested on its own.
 */
export function reviewStats(waiting: readonly Deal[], decided: readonly Deal[], now: Date, since: Date): ReviewStats {
  const enteredAt = (deal: Deal) => Date.parse(enteredReviewAt(deal));
  const oldest = Math.min(...waiting.map(enteredAt));
  const durations: number[] = [];
  for (const deal of decided) {
    let entered: number | undefined;
    for (const h of deal.history) {
      if (h.to === 'in_review' && h.from !== 'in_review') entered = Date.parse(h.at);
      else if (h.from === 'in_review' && DECISIONS.has(h.to) && entered !== undefined && Date.parse(h.at) >= since.getTime()) {
        durations.push((Date.parse(h.at) - entered) / 1000);
        entered = undefined;
      }
    }
  }
  durations.sort((a, b) => a - b);
  return {
    waiting: waiting.length,
    oldestWaitSeconds: waiting.length > 0 ? Math.round((now.getTime() - oldest) / 1000) : undefined,
    decided: durations.length,
    medianSeconds: percentile(durations, 0.5),
    p90Seconds: percentile(durations, 0.9),
  };
}

import { setTimeout as sleep } from 'node:timers/promises';

/** "n sends per window": one of Teams' limits. */
export interface RateLimit {
  count: number;
  windowMs: number;
}

/**
 * A send is counted here when its slot is taken, but reaches Teams a few milliseconds later, after the claim
 * is written: windows a little longer than Teams' keep two sends that left in order from landing in one.
 */
export function withMargin(windowMs: number): number {
  return Math.ceil(windowMs * 1.05) + 30;
}

/**
 * Across a fleet a send's slot is taken in one process and its stamp moved in the store a moment later,
 * and instances' clocks differ by a few milliseconds: a wider margin (two instances on a busy two-core
 * machine provoked one or two 429s in 1,000 sends with the single-process one).
 */
export function withFleetMargin(windowMs: number): number {
  return Math.ceil(windowMs * 1.1) + 100;
}

/** A key's limits: "7 per second and 60 per 30 s in this conversation". */
export interface PacedKey {
  key: string;
  limits: readonly RateLimit[];
}

/**
 * Paces sends under limits. `acquire` waits until one more send fits every window of every key, counts it,
 * and resolves with a function to call at the moment of sending and again when the answer came (the send is
 * then counted from the later moment, the latest it can have reached Teams).
 * A stopping worker aborts the wait through `signal`; the promise rejects and nothing was counted.
 */
export interface Pacer {
  acquire(keys: readonly PacedKey[], signal?: AbortSignal): Promise<() => void>;
}

/** How long until one more send fits these limits, given the times of the sends already counted. */
export function waitFor(times: readonly number[], limits: readonly RateLimit[], now: number, margin = withMargin): number {
  let wait = 0;
  for (const { count, windowMs: declared } of limits) {
    const windowMs = margin(declared);
    const inWindow = times.filter((t) => t > now - windowMs);
    if (inWindow.length >= count) wait = Math.max(wait, inWindow[inWindow.length - count]! + windowMs - now);
  }
  return wait;
}

/** The longest window a key's record must keep, margin included. */
export const longestWindow = (limits: readonly RateLimit[], margin = withMargin) => margin(Math.max(...limits.map((l) => l.windowMs)));

/**
 * Sliding-window limits per key (a conversation, a tenant), counted in this process: for a single
 * instance (SQLite). Each key waits on its own, so one throttled conversation never holds up another; the
 * per-tenant key is shared by all of that tenant's conversations. A fleet shares SharedRateLimiter instead.
 */
export class RateLimiter implements Pacer {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly clock: () => number = Date.now) {}

  /**
   * Waits for a slot and takes it. Call the returned function at the moment of sending, and again when the
   * answer came: each call moves the slot to that moment, so work done between (the claim, a request
   * waiting in the HTTP client) cannot let two sends land in one window.
   */
  async acquire(keys: readonly PacedKey[], signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      const now = this.clock();
      const wait = Math.max(0, ...keys.map(({ key, limits }) => waitFor(this.sent.get(key) ?? [], limits, now)));
      if (wait <= 0) {
        const slots = keys.map(({ key, limits }) => {
          const longest = longestWindow(limits);
          // One array per key, pruned in place: the stamp below must change the record that later calls read.
          const times = this.sent.get(key) ?? [];
          this.sent.set(key, times);
          while (times.length > 0 && times[0]! <= now - longest) times.shift();
          times.push(now);
          return times;
        });
        let at = now;
        return () => {
          const movedTo = Math.max(at, this.clock());
          for (const times of slots) {
            const i = times.lastIndexOf(at);
            if (i >= 0) times[i] = movedTo;
            times.sort((a, b) => a - b);
          }
          at = movedTo;
        };
      }
      // A stopping worker abandons the wait (the promise rejects): it had taken no slot and claimed nothing.
      await sleep(wait + 1, undefined, { signal });
    }
  }
}

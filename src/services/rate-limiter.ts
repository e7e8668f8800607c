import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock.js';
import { longestWindow, type PacedKey, type Pacer, waitFor } from '../domain/pacing.js';

/**
 * Sliding-window limits per key (a conversation, a tenant), counted in this process: for a single
 * instance (SQLite). Each key waits on its own, so one throttled conversation never holds up another; the
 * per-tenant key is shared by all of that tenant's conversations. A fleet shares SharedRateLimiter instead.
 */
export class RateLimiter implements Pacer {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /**
   * Waits for a slot and takes it. Call the returned function at the moment of sending, and again when the
   * answer came: each call moves the slot to that moment, so work done between (the claim, a request
   * waiting in the HTTP client) cannot let two sends land in one window.
   */
  async acquire(keys: readonly PacedKey[], signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      const now = this.clock().getTime();
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
          const movedTo = Math.max(at, this.clock().getTime());
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

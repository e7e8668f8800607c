/** "n sends per window": one of Teams' limits. */
export interface RateLimit {
  count: number;
  windowMs: number;
}

/**
 * Sliding-window limits per key (a conversation, a tenant): `acquire` resolves when one more send fits
 * every window of every key, and counts it. Each key waits on its own, so one throttled conversation never
 * holds up another; the per-tenant key is shared by all of that tenant's conversations.
 */
export class RateLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly clock: () => number = Date.now) {}

  private waitFor(key: string, limits: readonly RateLimit[], now: number): number {
    const times = this.sent.get(key) ?? [];
    let wait = 0;
    for (const { count, windowMs } of limits) {
      const inWindow = times.filter((t) => t > now - windowMs);
      if (inWindow.length >= count) wait = Math.max(wait, inWindow[inWindow.length - count]! + windowMs - now);
    }
    return wait;
  }

  async acquire(keys: readonly { key: string; limits: readonly RateLimit[] }[]): Promise<void> {
    for (;;) {
      const now = this.clock();
      const wait = Math.max(0, ...keys.map(({ key, limits }) => this.waitFor(key, limits, now)));
      if (wait <= 0) {
        for (const { key, limits } of keys) {
          const longest = Math.max(...limits.map((l) => l.windowMs));
          const times = (this.sent.get(key) ?? []).filter((t) => t > now - longest);
          times.push(now);
          this.sent.set(key, times);
        }
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait + 1));
    }
  }
}

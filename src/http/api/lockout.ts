/**
 * Addresses that keep presenting bad API keys: after `maxFailures` within `windowMs`, every request from
 * that address is answered 429 until the window has passed since its last failure, so keys cannot be
 * guessed at speed. Counted per instance, in memory: a restart forgets, which costs a guesser nothing it
 * could use.
 */
export class FailedAuthLockout {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 5 * 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Milliseconds this address must still wait, or 0. */
  lockedFor(address: string): number {
    const times = this.recent(address);
    if (times.length < this.maxFailures) return 0;
    return Math.max(0, times.at(-1)! + this.windowMs - this.clock());
  }

  failed(address: string): void {
    const times = this.recent(address);
    times.push(this.clock());
    this.failures.set(address, times.slice(-this.maxFailures));
    // Forget addresses that stopped failing, so a scan of many addresses cannot grow the map for ever.
    if (this.failures.size > 10_000) {
      for (const [key, list] of this.failures) if (list.at(-1)! <= this.clock() - this.windowMs) this.failures.delete(key);
    }
  }

  private recent(address: string): number[] {
    const since = this.clock() - this.windowMs;
    return (this.failures.get(address) ?? []).filter((t) => t > since);
  }
}

import type { Clock } from '../clock.js';
import type { Documents } from './documents.js';
import { authFailuresKey } from './keys.js';
import { afterConflict } from './retry.js';

interface Failures {
  /** When the latest failures happened (ms since the epoch), oldest first, at most `maxFailures`. */
  times: number[];
}

/**
 * Client addresses that keep presenting bad API keys: after `maxFailures` within `windowMs`, a request
 * from that address without a valid key is answered 429 until the window has passed since its last
 * failure. A valid key is never refused, so one client guessing behind a shared NAT or load balancer
 * cannot lock every integration out. Failures are counted in the store, so every instance of a fleet
 * sees the same count; the document expires with its window.
 */
export class FailedAuthLockout {
  constructor(
    private readonly store: Documents,
    private readonly clock: Clock,
    private readonly maxFailures = 10,
    private readonly windowMs = 5 * 60_000,
  ) {}

  /** Milliseconds this address must still wait, or 0. */
  async lockedFor(address: string): Promise<number> {
    const times = this.recent((await this.store.read<Failures>(authFailuresKey(address)))?.value);
    if (times.length < this.maxFailures) return 0;
    return Math.max(0, times.at(-1)! + this.windowMs - this.clock().getTime());
  }

  /** Counts one failure; a count lost to many failures at once only lets a guesser through a moment sooner. */
  async failed(address: string): Promise<void> {
    const key = authFailuresKey(address);
    for (let attempt = 0; attempt < 5; attempt++) {
      await afterConflict(attempt);
      const current = await this.store.read<Failures>(key);
      const next: Failures = { times: [...this.recent(current?.value), this.clock().getTime()].slice(-this.maxFailures) };
      const written = current
        ? await this.store.swap(key, current.token, next, this.windowMs)
        : await this.store.insert(key, next, this.windowMs);
      if (written) return;
    }
  }

  private recent(failures: Failures | undefined): number[] {
    const since = this.clock().getTime() - this.windowMs;
    return (failures?.times ?? []).filter((t) => t > since);
  }
}

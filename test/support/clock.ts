import type { Clock } from '../../src/clock.js';

/**
 * A clock a test moves forward: it runs with real time (so retries and leases still come due) plus
 * whatever the test has advanced it by. "Nothing more happens" is asserted after advancing it past
 * every lease, backoff and period and running the work once, never after a sleep.
 */
export class TestClock {
  private offsetMs = 0;

  readonly now: Clock = () => new Date(Date.now() + this.offsetMs);

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

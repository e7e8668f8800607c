import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { longestWindow, type PacedKey, type Pacer, waitFor, withFleetMargin } from '../domain/pacing.js';
import type { Documents } from './documents.js';
import { paceKey } from './keys.js';
import { afterConflict } from './retry.js';

/** The sends counted under one key: their times, oldest first, within the key's longest window. */
const Sends = z.array(z.number());

/**
 * Tries at moving a slot to a later moment; past them the earlier stamp stands. Every instance's sends
 * move slots of the one tenant document, so a move often loses a compare-and-set: with 3 tries, a move
 * now and then never landed and a send that waited in between counted too early (1 × 429 in 1,000 on
 * PostgreSQL in a CI run). A move that keeps losing costs only its own retries; it never delays a send.
 */
const RESTAMP_ATTEMPTS = 20;

/**
 * Teams' limits counted in the store, so every instance of a fleet (Redis, PostgreSQL) shares one count
 * per conversation and per tenant. Each key is one small document of send times, taken by compare-and-set:
 * a slot is counted only if nobody counted one in between, else the instance reads again and waits its
 * turn. Several keys are taken one after the other; a key taken before another turned out full stays
 * counted, which can only make sends a little slower, never too fast.
 *
 * Sliding windows rather than a library's fixed ones: a fixed window of 50 lets 100 sends through in one
 * second across its boundary, which Teams counts as 50 over.
 */
export class SharedRateLimiter implements Pacer {
  /**
   * The last taking of each key in this process: takings of one key queue here, so each instance has one
   * contender per key at the store (sixteen workers racing one document lost most compare-and-sets:
   * measured 24 sends/s of Teams' 50 with two instances, 48 with this).
   */
  private readonly lastTaking = new Map<string, Promise<unknown>>();

  constructor(
    private readonly docs: Documents,
    private readonly clock: Clock,
  ) {}

  async acquire(keys: readonly PacedKey[], signal?: AbortSignal): Promise<() => void> {
    const stamps: { key: PacedKey; at: number }[] = [];
    for (const key of keys) stamps.push({ key, at: await this.inTurn(key.key, () => this.take(key, signal)) });
    // Each call moves the slots later, one move after the other: to when the send left, then to when its
    // answer came, the latest moment it can have reached Teams (on a busy machine a request can wait in the
    // HTTP client long after it "left"; measured as 2 and 3 × 429 in 1,000 sends with two instances).
    let moves = Promise.resolve(stamps);
    return () => {
      const movedTo = this.clock().getTime();
      // Best effort and not awaited: the send must not wait for it, and a lost move only leaves the slot
      // counted from its earlier time (the windows' margin covers the usual few milliseconds).
      moves = moves.then((current) =>
        Promise.all(current.map(async ({ key, at }) => ({ key, at: await this.restamp(key, at, movedTo).catch(() => at) }))),
      );
    };
  }

  private inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.lastTaking.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    const settled = mine.catch(() => undefined);
    this.lastTaking.set(key, settled);
    // Forget the key once nobody queues behind this taking, so the map holds only keys in use.
    void settled.then(() => {
      if (this.lastTaking.get(key) === settled) this.lastTaking.delete(key);
    });
    return mine;
  }

  /** Waits until one more send fits this key's windows, counts it, and returns the time it was counted at. */
  private async take({ key, limits }: PacedKey, signal?: AbortSignal): Promise<number> {
    const docKey = paceKey(key);
    const keepMs = longestWindow(limits, withFleetMargin);
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const found = await this.docs.read<unknown>(docKey);
      const now = this.clock().getTime();
      const times = (found ? Sends.parse(found.value) : []).filter((t) => t > now - keepMs);
      const wait = waitFor(times, limits, now, withFleetMargin);
      if (wait > 0) {
        await sleep(wait + 1, undefined, { signal });
        continue;
      }
      const next = [...times, now];
      const written = found ? await this.docs.swap(docKey, found.token, next, keepMs) : await this.docs.insert(docKey, next, keepMs);
      if (written) return now;
      await afterConflict(attempt);
    }
  }

  /**
   * Moves a counted slot to a later moment (its send leaving, its answer coming), so the work between
   * cannot bunch two sends; resolves with where the slot is now counted.
   */
  private async restamp({ key, limits }: PacedKey, at: number, movedTo: number): Promise<number> {
    if (movedTo <= at) return at;
    const docKey = paceKey(key);
    for (let attempt = 0; attempt < RESTAMP_ATTEMPTS; attempt++) {
      const found = await this.docs.read<unknown>(docKey);
      if (!found) return at;
      const times = Sends.parse(found.value);
      const i = times.indexOf(at);
      if (i < 0) return at;
      const next = [...times.slice(0, i), ...times.slice(i + 1), movedTo].sort((a, b) => a - b);
      if (await this.docs.swap(docKey, found.token, next, longestWindow(limits, withFleetMargin))) return movedTo;
      await afterConflict(attempt + 1);
    }
    return at;
  }
}

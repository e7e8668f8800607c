/**
 * Teams' send limits and the arithmetic of pacing under them: pure functions and the port a limiter
 * implements (in one process: src/services/rate-limiter.ts; shared by a fleet in the store:
 * src/store/shared-rate-limiter.ts).
 */
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

/** Teams' limits as the outbox keeps them: per conversation, and per tenant for the bot as a whole. */
export interface TeamsLimits {
  conversationLimits: readonly RateLimit[];
  tenantLimits: readonly RateLimit[];
}

/** The keys one send to a conversation is counted under: the conversation's, and its tenant's. */
export function paceKeys(tenantId: string, conversationId: string, limits: TeamsLimits): PacedKey[] {
  return [
    { key: `conversation:${tenantId}/${conversationId}`, limits: limits.conversationLimits },
    { key: `tenant:${tenantId}`, limits: limits.tenantLimits },
  ];
}

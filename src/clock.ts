/**
 * What time it is, for everything that acts on time (delivery, leases, backoff, reminders, digests, the
 * store's expiring keys, the desk's figures). Injected everywhere, so tests advance it instead of sleeping.
 */
export type Clock = () => Date;

/** The one place that reads the system's time; `test/docs/layers.test.ts` checks that nothing else does. */
export const systemClock: Clock = () => new Date();

/**
 * What time it is, for everything that acts on time (delivery, leases, backoff, reminders, digests, the
 * desk's figures). Injected, so tests advance it instead of sleeping.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

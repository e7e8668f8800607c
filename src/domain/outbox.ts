import type { Deal, OutboxEntry } from './deal.js';

/** Anything with an outbox: a deal, or a review conversation's daily digest. */
export interface OutboxHolder {
  outbox: OutboxEntry[];
}

/**
 * A notification the owner is owed, as the change that causes it writes it: `deal` is the deal as that
 * change leaves it. Its id is the deal's new version and the kind: a change adds at most one entry of a
 * kind, every change has its own version, and an outbox keeps its entries, so ids never repeat in a deal
 * (and the domain draws no random numbers).
 */
export function notification(
  kind: OutboxEntry['kind'],
  deal: Pick<Deal, 'status' | 'version'>,
  at: string,
  extra: Partial<OutboxEntry> = {},
): OutboxEntry {
  return {
    id: `${deal.version}:${kind}`,
    audience: 'owner',
    kind,
    at,
    from: null,
    to: deal.status,
    attempts: 0,
    waitingForOwner: false,
    missed: false,
    ...extra,
  };
}

/**
 * The deal's review card owes the desk an update: one entry says "show the deal as it is now", so a change
 * while an entry is still waiting adds nothing (the card sent will show it). Only an entry already being
 * sent, which may show the deal as it was, makes another one needed. A deal decided before its card was
 * ever posted thus gets one card, showing the outcome.
 */
export function owingDeskCard(deal: Deal, at: string): OutboxEntry[] {
  const waiting = deal.outbox.some((e) => e.audience === 'desk' && undelivered(e) && !e.claim);
  if (waiting) return deal.outbox;
  return [...deal.outbox, notification('review_card', deal, at, { audience: 'desk' })];
}

const undelivered = (e: OutboxEntry) => e.deliveredAt === undefined;
const parked = (e: OutboxEntry) => e.waitingForOwner || e.waitingForChannel === true;
const liveClaim = (e: OutboxEntry, t: string) => e.claim !== undefined && e.claim.until > t;

/** Whether anything is still owed that a worker can deliver (so a deal stays in the pending index). */
export function owesAnything(holder: OutboxHolder): boolean {
  return holder.outbox.some((e) => undelivered(e) && !parked(e));
}

/**
 * Entries a worker may send now: not delivered, not kept for the owner or a review conversation, not
 * claimed by a live lease, not backing off. A desk entry waits while another of the deal's desk entries is
 * being sent: two senders at once could each post the card.
 */
export function dueEntries(deal: OutboxHolder, now: Date): OutboxEntry[] {
  const t = now.toISOString();
  const deskBusy = deal.outbox.some((e) => e.audience === 'desk' && undelivered(e) && liveClaim(e, t));
  return deal.outbox.filter(
    (e) => undelivered(e) && !parked(e) && !liveClaim(e, t) && (!e.notBefore || e.notBefore <= t) && !(e.audience === 'desk' && deskBusy),
  );
}

/** Whether the deal keeps notifications for an owner the bot cannot reach. */
export function hasWaiting(deal: Deal): boolean {
  return deal.outbox.some((e) => undelivered(e) && e.waitingForOwner);
}

/** Whether the deal's review card waits for a review conversation to be claimed. */
export function hasWaitingForChannel(deal: Deal): boolean {
  return deal.outbox.some((e) => undelivered(e) && e.waitingForChannel === true);
}

/**
 * Delivery's bookkeeping (claims, marks, retries) is not a change to the deal anyone saw: the version that
 * cards and ETags carry stays, so a seller's or a reviewer's card is not made stale by its own review card
 * or notification going out. Every write is still a compare-and-set on the stored document.
 */
function updateEntries<T extends OutboxHolder>(deal: T, ids: readonly string[], change: (e: OutboxEntry) => OutboxEntry): T {
  const chosen = new Set(ids);
  return { ...deal, outbox: deal.outbox.map((e) => (chosen.has(e.id) ? change(e) : e)) };
}

/** Claim: this instance will send these now; the attempt is recorded before the send. */
export function claimEntries<T extends OutboxHolder>(deal: T, ids: readonly string[], by: string, until: Date): T {
  return updateEntries(deal, ids, (e) => ({ ...e, attempts: e.attempts + 1, claim: { by, until: until.toISOString() } }));
}

/**
 * Claims those of `ids` (all, if not given) still due at `now`: another instance may have taken some since
 * they were read. The attempt goes on record, the claim held until `now + leaseMs`; undefined when none is due.
 */
export function claimStillDue<T extends OutboxHolder>(
  holder: T,
  ids: readonly string[] | undefined,
  claimant: { instanceId: string; leaseMs: number },
  now: Date,
): T | undefined {
  const due = dueEntries(holder, now)
    .filter((e) => !ids || ids.includes(e.id))
    .map((e) => e.id);
  return due.length > 0 ? claimEntries(holder, due, claimant.instanceId, new Date(now.getTime() + claimant.leaseMs)) : undefined;
}

/** Delivered; for a review card, where it now is (the card posted, or the one updated). */
export function markDelivered<T extends OutboxHolder>(deal: T, ids: readonly string[], at: Date): T {
  return updateEntries(deal, ids, ({ claim: _claim, notBefore: _notBefore, ...e }) => ({ ...e, deliveredAt: at.toISOString() }));
}

/** The review card went out: delivered, and where it now is, so the next change updates it in place. */
export function markCardSent(deal: Deal, ids: readonly string[], at: Date, post: NonNullable<Deal['reviewPost']>): Deal {
  return { ...markDelivered(deal, ids, at), reviewPost: post };
}

/** The posted card is gone (deleted, or its conversation is): the next send posts a new one. */
export function forgetPost(deal: Deal, ids: readonly string[], notBefore: Date): Deal {
  const { reviewPost: _post, ...rest } = reschedule(deal, ids, notBefore);
  return rest;
}

/** No review conversation can take the card: keep it until a reviewer claims one. */
export function parkForChannel(deal: Deal, ids: readonly string[]): Deal {
  return updateEntries(deal, ids, ({ claim: _claim, notBefore: _notBefore, ...e }) => ({ ...e, waitingForChannel: true }));
}

/** A reviewer claimed a conversation: the cards kept for one are due again. */
export function unparkForChannel(deal: Deal, notBefore: Date): Deal {
  const waiting = deal.outbox.filter((e) => undelivered(e) && e.waitingForChannel).map((e) => e.id);
  return updateEntries(deal, waiting, ({ waitingForChannel: _w, ...e }) => ({ ...e, notBefore: notBefore.toISOString() }));
}

/** Settled without sending: the notice no longer says anything true (see reminders' isOutdated). */
export function withdraw<T extends OutboxHolder>(deal: T, ids: readonly string[], at: Date): T {
  return updateEntries(deal, ids, ({ claim: _claim, notBefore: _notBefore, ...e }) => ({
    ...e,
    deliveredAt: at.toISOString(),
    withdrawn: true,
  }));
}

export function reschedule<T extends OutboxHolder>(deal: T, ids: readonly string[], notBefore: Date): T {
  return updateEntries(deal, ids, ({ claim: _claim, ...e }) => ({ ...e, notBefore: notBefore.toISOString() }));
}

/** The owner cannot be reached: keep the entries until they come back. */
export function parkForOwner(deal: Deal, ids: readonly string[]): Deal {
  return updateEntries(deal, ids, ({ claim: _claim, notBefore: _notBefore, ...e }) => ({ ...e, waitingForOwner: true }));
}

/**
 * The owner is back: everything kept for them is due again, from `notBefore` on. Deals are unparked one by
 * one, so a common moment slightly ahead lets a worker see all of them at once and send one digest.
 */
export function unpark(deal: Deal, notBefore: Date): Deal {
  const waiting = deal.outbox.filter((e) => undelivered(e) && e.waitingForOwner).map((e) => e.id);
  return updateEntries(deal, waiting, (e) => ({ ...e, waitingForOwner: false, missed: true, notBefore: notBefore.toISOString() }));
}

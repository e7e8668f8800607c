import { randomUUID } from 'node:crypto';
import type { Deal, OutboxEntry } from './deal.js';

/** A notification the owner is owed, as the change that causes it writes it. */
export function notification(kind: OutboxEntry['kind'], deal: Pick<Deal, 'status'>, at: string, extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return { id: randomUUID(), kind, at, from: null, to: deal.status, attempts: 0, waitingForOwner: false, missed: false, ...extra };
}

const undelivered = (e: OutboxEntry) => e.deliveredAt === undefined;

/** Entries a worker may send now: not delivered, not waiting for the owner, not claimed by a live lease, not backing off. */
export function dueEntries(deal: Deal, now: Date): OutboxEntry[] {
  const t = now.toISOString();
  return deal.outbox.filter(
    (e) => undelivered(e) && !e.waitingForOwner && (!e.claim || e.claim.until <= t) && (!e.notBefore || e.notBefore <= t),
  );
}

/** Whether the deal still owes its owner something a worker can deliver (so it stays in the pending index). */
export function hasPending(deal: Deal): boolean {
  return deal.outbox.some((e) => undelivered(e) && !e.waitingForOwner);
}

export function hasWaiting(deal: Deal): boolean {
  return deal.outbox.some((e) => undelivered(e) && e.waitingForOwner);
}

function updateEntries(deal: Deal, ids: readonly string[], change: (e: OutboxEntry) => OutboxEntry): Deal {
  const chosen = new Set(ids);
  return { ...deal, version: deal.version + 1, outbox: deal.outbox.map((e) => (chosen.has(e.id) ? change(e) : e)) };
}

/** Claim: this instance will send these now; the attempt is recorded before the send. */
export function claimEntries(deal: Deal, ids: readonly string[], by: string, until: Date): Deal {
  return updateEntries(deal, ids, (e) => ({ ...e, attempts: e.attempts + 1, claim: { by, until: until.toISOString() } }));
}

export function markDelivered(deal: Deal, ids: readonly string[], at: Date): Deal {
  return updateEntries(deal, ids, ({ claim: _claim, notBefore: _notBefore, ...e }) => ({ ...e, deliveredAt: at.toISOString() }));
}

/** Settled without sending: the notice no longer says anything true (see reminders' isOutdated). */
export function withdraw(deal: Deal, ids: readonly string[], at: Date): Deal {
  return updateEntries(deal, ids, ({ claim: _claim, notBefore: _notBefore, ...e }) => ({ ...e, deliveredAt: at.toISOString(), withdrawn: true }));
}

export function reschedule(deal: Deal, ids: readonly string[], notBefore: Date): Deal {
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

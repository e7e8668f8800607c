import { addDays, DAY_MS } from './dates.js';
import type { Deal, OutboxEntry } from './deal.js';
import { notification } from './outbox.js';
import type { RegistrationPolicy } from './policy.js';
import type { Status } from './status.js';

/** How often the owner is nudged; an operator (or a test) may shorten them. */
export interface ReminderPeriods {
  /** A deal waiting for its owner this long gets a first reminder… */
  afterMs: number;
  /** …then one every this long while it keeps waiting. */
  everyMs: number;
  /** A deal whose registration window closes within this long gets a warning. */
  windowWarningMs: number;
}

/** The statuses in which the next step is the owner's: only these are reminded. */
export const WAITING_FOR_OWNER: readonly Status[] = ['incomplete', 'update_required'];

/**
 * Which reminder period the deal is in, as a key naming the untouched stretch and the period's number
 * within it: a reminder is sent once per key, and any change by the seller starts a new stretch.
 */
export function idlePeriod(deal: Deal, now: Date, periods: ReminderPeriods): string | undefined {
  if (!WAITING_FOR_OWNER.includes(deal.status)) return undefined;
  const idleMs = now.getTime() - Date.parse(deal.updatedAt);
  if (idleMs < periods.afterMs) return undefined;
  return `${deal.updatedAt}#${Math.floor((idleMs - periods.afterMs) / periods.everyMs)}`;
}

/**
 * The last day the deal can be registered: its signed date and its start date may be at most so many
 * days old (the registration window). Undefined until the seller has given the dates.
 */
export function windowClosesOn(deal: Deal, policy: RegistrationPolicy): string | undefined {
  const dates = deal.fields.dates;
  if (!dates) return undefined;
  const bySigned = addDays(dates.signedDate, policy.signedWithinDays);
  const byStart = addDays(dates.startDate, policy.startWithinDays);
  return [bySigned, byStart].sort()[0]; // ISO dates: the earlier sorts first
}

/** The window closes at the end of its last day (UTC); the warning is due from `windowWarningMs` before. */
export function windowClosing(deal: Deal, now: Date, periods: ReminderPeriods, policy: RegistrationPolicy): string | undefined {
  if (!WAITING_FOR_OWNER.includes(deal.status)) return undefined;
  const lastDay = windowClosesOn(deal, policy);
  if (!lastDay) return undefined;
  const closesAt = Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS;
  const t = now.getTime();
  return t < closesAt && t >= closesAt - periods.windowWarningMs ? lastDay : undefined;
}

/**
 * The deal with the reminders now due added to its outbox, or undefined when none is. Decided from the
 * stored deal inside a compare-and-swap, so however many instances scan, each period's reminder is
 * written once.
 */
export function addDueReminders(deal: Deal, now: Date, periods: ReminderPeriods, policy: RegistrationPolicy): Deal | undefined {
  const at = now.toISOString();
  const next = { status: deal.status, version: deal.version + 1 };
  const added: OutboxEntry[] = [];
  const reminded = { ...deal.reminded };
  const idle = idlePeriod(deal, now, periods);
  if (idle && idle !== deal.reminded.idle) {
    added.push(notification('reminder', next, at));
    reminded.idle = idle;
  }
  const closing = windowClosing(deal, now, periods, policy);
  if (closing && closing !== deal.reminded.windowClosing) {
    added.push(notification('window_closing', next, at, { closesOn: closing }));
    reminded.windowClosing = closing;
  }
  if (added.length === 0) return undefined;
  // An older reminder of the same kind still unsent (the owner was away) says nothing the new one does not.
  const kinds = new Set(added.map((e) => e.kind));
  const outbox = deal.outbox.map((e) =>
    kinds.has(e.kind) && e.deliveredAt === undefined && (!e.claim || e.claim.until <= at) ? supersede(e, at) : e,
  );
  return { ...deal, version: next.version, reminded, outbox: [...outbox, ...added] };
}

function supersede({ claim: _claim, notBefore: _notBefore, ...e }: OutboxEntry, at: string): OutboxEntry {
  return { ...e, deliveredAt: at, withdrawn: true };
}

/**
 * A reminder about a deal that has moved since (the seller finished it, or changed it) would be wrong
 * when it arrives: it is withdrawn instead of sent.
 */
export function isOutdated(deal: Deal, entry: OutboxEntry, policy: RegistrationPolicy): boolean {
  if (entry.kind === 'reminder') return deal.status !== entry.to || deal.updatedAt > entry.at;
  if (entry.kind === 'window_closing') return deal.status !== entry.to || windowClosesOn(deal, policy) !== entry.closesOn;
  return false;
}

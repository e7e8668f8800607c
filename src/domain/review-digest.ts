import { z } from 'zod';
import { CalendarDate } from './dates.js';
import { OutboxEntry } from './deal.js';

/**
 * A review conversation's daily digest of deals waiting too long: one document per conversation per day,
 * created only if absent (so once a day however many instances scan), with an outbox of its one message.
 */
export const ReviewDigest = z.object({
  tenantId: z.string(),
  /** The claimed conversation's name. */
  conversation: z.string(),
  /** The conversation's own calendar day. */
  day: CalendarDate,
  /** The deals that had waited too long when the digest was made, oldest first. */
  dealIds: z.array(z.string()),
  outbox: z.array(OutboxEntry),
});
export type ReviewDigest = z.infer<typeof ReviewDigest>;

export function reviewDigest(tenantId: string, conversation: string, day: string, dealIds: readonly string[], now: Date): ReviewDigest {
  const at = now.toISOString();
  const entry: OutboxEntry = {
    id: `${day}:review_digest`,
    audience: 'desk',
    kind: 'review_digest',
    at,
    from: 'in_review',
    to: 'in_review',
    attempts: 0,
    waitingForOwner: false,
    missed: false,
  };
  return { tenantId, conversation, day, dealIds: [...dealIds], outbox: [entry] };
}

/** Today in a time zone, as YYYY-MM-DD. */
export function dayIn(timeZone: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10); // a zone this runtime does not know: UTC's day
  }
}

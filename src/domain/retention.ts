import type { Deal } from './deal.js';
import { owesAnything } from './outbox.js';
import { PAGES } from './status.js';

/** When the deal was closed (entered Approved or Declined), if it is. */
export function closedAt(deal: Deal): Date | undefined {
  if (!(PAGES.closed as readonly string[]).includes(deal.status)) return undefined;
  const entered = [...deal.history].reverse().find((h) => h.to === deal.status && h.from !== deal.status);
  return new Date(entered?.at ?? deal.updatedAt);
}

/**
 * Whether the retention period has passed for a closed deal: closed longer ago than `keepMs`, and owing
 * no message any more (a notice still on its way is delivered first).
 */
export function pastRetention(deal: Deal, keepMs: number, now: Date): boolean {
  const closed = closedAt(deal);
  return closed !== undefined && now.getTime() - closed.getTime() > keepMs && !owesAnything(deal);
}

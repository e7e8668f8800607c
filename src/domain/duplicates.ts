import { DAY_MS } from './dates.js';
import type { Deal } from './deal.js';
import { customerKey } from './review.js';

/** Registered deals within this window count as duplicates: 12 months (the README, "The deal desk"). */
const WINDOW_MS = 365 * DAY_MS;

/**
 * Whether `other` duplicates `deal`: another deal of the tenant for the same customer (name without case or
 * punctuation, same country) and the same solution, registered in the last 12 months and not declined. A
 * warning, never a block.
 */
export function isDuplicateOf(deal: Deal, other: Deal, now: Date): boolean {
  const customer = deal.fields.customer;
  const solution = deal.fields.solution;
  if (!customer || !solution) return false;
  return (
    other.id !== deal.id &&
    other.status !== 'declined' &&
    other.registeredAt !== undefined &&
    now.getTime() - Date.parse(other.registeredAt) <= WINDOW_MS &&
    other.fields.solution?.solutionId === solution.solutionId &&
    other.fields.customer !== undefined &&
    customerKey(other.fields.customer.companyName, other.fields.customer.country) === customerKey(customer.companyName, customer.country)
  );
}

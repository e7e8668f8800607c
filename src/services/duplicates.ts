import type { Deal } from '../domain/deal.js';
import { customerKey } from '../domain/review.js';
import type { DealRepository } from '../store/deal-repository.js';

/** Registered deals within this window count as duplicates (DOMAIN.md: 12 months). */
const WINDOW_MS = 365 * 86_400_000;

/**
 * Other deals of the tenant for the same customer (name without case or punctuation, same country) and
 * the same solution, registered in the last 12 months and not declined: a warning, never a block.
 */
export async function findDuplicates(deals: DealRepository, deal: Deal, now: Date): Promise<Deal[]> {
  const customer = deal.fields.customer;
  const solution = deal.fields.solution;
  if (!customer || !solution) return [];
  const key = customerKey(customer.companyName, customer.country);
  const candidates = await deals.sameCustomer(deal.tenantId, customer.companyName, customer.country);
  return candidates.filter(
    (other) =>
      other.id !== deal.id &&
      other.status !== 'declined' &&
      other.registeredAt !== undefined &&
      now.getTime() - Date.parse(other.registeredAt) <= WINDOW_MS &&
      other.fields.solution?.solutionId === solution.solutionId &&
      other.fields.customer !== undefined &&
      customerKey(other.fields.customer.companyName, other.fields.customer.country) === key,
  );
}

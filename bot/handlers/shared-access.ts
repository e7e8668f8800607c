import type { Deal } from '../../src/domain/deal.js';
import { DEAL_REF } from '../../src/domain/deal-ref.js';
import { isReviewer, type Turn } from '../turn.js';

/**
 * A deal shared in a conversation, as the user who clicked it or pasted its link may open it: their own
 * deal, or for one of the tenant's reviewers any deal registered in their tenant. Anyone else: undefined,
 * the same answer as for a deal that does not exist, so nothing says whose it is.
 */
export async function dealOpenableBy(turn: Turn, idOrRef: string): Promise<{ deal: Deal; as: 'owner' | 'reviewer' } | undefined> {
  const { user, services } = turn;
  if (isReviewer(turn)) {
    const found = await services.reviews.get(user.tenantId, idOrRef);
    if (!found.ok) return undefined;
    if (found.value.ownerId === user.userId) return { deal: found.value, as: 'owner' };
    return found.value.registeredAt === undefined ? undefined : { deal: found.value, as: 'reviewer' };
  }
  const own = DEAL_REF.test(idOrRef) ? await services.deals.openByRef(user, idOrRef) : await services.deals.open(user, idOrRef);
  return own.ok ? { deal: own.value, as: 'owner' } : undefined;
}

import { z } from 'zod';

/**
 * What someone may be: a seller (every Teams user, on their own deals), a reviewer of their tenant's deal
 * desk (REVIEWERS in Teams, or a reviewer API key), an integration (an API key reporting referrals and
 * catalogues), an admin (an API key answering people's data requests).
 */
export const Role = z.enum(['seller', 'reviewer', 'integration', 'admin']);
export type Role = z.infer<typeof Role>;

/**
 * Who acts, made once at the edge from what was verified there: a Teams turn (the activity's user, a
 * reviewer if REVIEWERS names them) or an API call (the key's tenant and role). Use cases and the domain
 * decide with it; nothing else says who may do what.
 */
export interface Actor {
  tenantId: string;
  /**
   * An Entra object id (a Teams user, or an API key bound to a person), or "api-key:<key id>" for a key
   * bound to no one: what history records as who.
   */
  id: string;
  name?: string;
  roles: readonly Role[];
  /**
   * Other ids the same approver may be recorded under: the pseudonym their approvals keep once they were
   * erased; for a key bound to no one, the other key of its rotating pair.
   */
  aliases?: readonly string[];
  /** An API key bound to no person: who holds it is unknown, so it cannot count as a second pair of eyes. */
  unboundKey?: boolean;
}

/** The id (an approval's, a history entry's) is this actor's, under any name they have. */
export const isActor = (actor: Actor, id: string): boolean => id === actor.id || (actor.aliases?.includes(id) ?? false);

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.includes(role);

/** The deal is the actor's own: in their tenant, and theirs. */
export const owns = (actor: Actor, deal: { tenantId: string; ownerId: string }): boolean =>
  actor.tenantId === deal.tenantId && actor.id === deal.ownerId;

/** A deal's owner as the actor they are when the bot speaks to them about it (a notification's buttons). */
export const ownerOf = (deal: { tenantId: string; ownerId: string; ownerName?: string }): Actor => ({
  tenantId: deal.tenantId,
  id: deal.ownerId,
  name: deal.ownerName,
  roles: ['seller'],
});

import type { Actor } from './actor.js';
import type { Deal, HistoryEntry } from './deal.js';
import { ok, type Result } from './refusal.js';
import { transition } from './transition.js';

/** What replaces a person's data once erased. */
export const REDACTED = '[erased]';

/** A person a data request is about: their Entra object id, their email, or both when both are known. */
export interface Person {
  userId?: string;
  email?: string;
}

const sameEmail = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** Where a deal holds the person's data: as its owner, as the registration's contact, as the author of history entries. */
export interface PersonInDeal {
  owner: boolean;
  contact: boolean;
  history: HistoryEntry[];
}

export function personInDeal(deal: Deal, person: Person): PersonInDeal | undefined {
  const owner = person.userId !== undefined && deal.ownerId === person.userId;
  const contact = sameEmail(deal.fields.contact?.email, person.email);
  const history = person.userId === undefined ? [] : deal.history.filter((h) => h.by === person.userId);
  const approvals = person.userId !== undefined && (deal.review?.approvals ?? []).some((a) => a.by === person.userId);
  return owner || contact || history.length > 0 || approvals ? { owner, contact, history } : undefined;
}

/**
 * The deal with the person's data replaced by the redaction marker (owner id and name, the registration's
 * contact wherever it is kept, history entries and approvals they wrote) and the erasure recorded in its
 * history. The deal itself stays, for the partner's records. A deal that no longer holds anything of the
 * person is returned as it is (erasing twice changes nothing).
 */
export function erasePerson(deal: Deal, person: Person, by: Actor, at: Date): Result<Deal> {
  const found = personInDeal(deal, person);
  if (!found) return ok(deal);
  const isPerson = (id: string) => person.userId !== undefined && id === person.userId;
  const contact = { firstName: REDACTED, lastName: REDACTED, phone: REDACTED, email: REDACTED };
  const redactInputs = (inputs: Deal['wizard']['inputs']) => (found.contact && inputs.contact ? { ...inputs, contact } : inputs);
  const redacted: Deal = {
    ...deal,
    ownerId: found.owner ? REDACTED : deal.ownerId,
    ownerName: found.owner ? REDACTED : deal.ownerName,
    fields: found.contact ? { ...deal.fields, contact } : deal.fields,
    wizard: {
      ...deal.wizard,
      inputs: redactInputs(deal.wizard.inputs),
      update:
        deal.wizard.update && found.contact
          ? { ...deal.wizard.update, before: { ...deal.wizard.update.before, contact } }
          : deal.wizard.update,
    },
    history: deal.history.map((h) => (isPerson(h.by) ? { ...h, by: REDACTED, byName: REDACTED } : h)),
    review: deal.review && {
      ...deal.review,
      approvals: deal.review.approvals.map((a) => (isPerson(a.by) ? { ...a, by: REDACTED, byName: REDACTED } : a)),
    },
  };
  return transition(redacted, 'recordErasure', by, at, 'erased on request');
}

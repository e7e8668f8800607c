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

/** The places a deal can hold a registration contact: the registration, the inputs kept unsaved, the update's "before". */
export type ContactPlace = 'registration' | 'unsaved_input' | 'before_update';

/** A contact as one place holds it (unsaved inputs hold whatever was typed, so every part may be missing). */
export interface ContactFound {
  place: ContactPlace;
  firstName?: string;
  lastName?: string;
  phone?: string;
  email?: string;
}

/** Where a deal holds the person's data: as its owner, as a contact (each place), as the author of history entries. */
export interface PersonInDeal {
  owner: boolean;
  contact: boolean;
  contactPlaces: ContactFound[];
  history: HistoryEntry[];
}

function contactsIn(deal: Deal): ContactFound[] {
  const found: ContactFound[] = [];
  if (deal.fields.contact) found.push({ place: 'registration', ...deal.fields.contact });
  const typed = deal.wizard.inputs.contact;
  if (typed) found.push({ place: 'unsaved_input', ...typed });
  const before = deal.wizard.update?.before.contact;
  if (before) found.push({ place: 'before_update', ...before });
  return found;
}

export function personInDeal(deal: Deal, person: Person): PersonInDeal | undefined {
  const owner = person.userId !== undefined && deal.ownerId === person.userId;
  const contactPlaces = contactsIn(deal).filter((c) => sameEmail(c.email?.trim(), person.email));
  const contact = contactPlaces.length > 0;
  const history = person.userId === undefined ? [] : deal.history.filter((h) => h.by === person.userId);
  const approvals = person.userId !== undefined && (deal.review?.approvals ?? []).some((a) => a.by === person.userId);
  return owner || contact || history.length > 0 || approvals ? { owner, contact, contactPlaces, history } : undefined;
}

/**
 * The deal with the person's data replaced by the redaction marker (owner id and name, and the owner's
 * files dropped; the contact in
 * every place a deal keeps one: the registration, inputs typed but not saved, the fields as they were
 * before an update; history entries they wrote; approvals they gave, which keep `approverPseudonym` so
 * four-eyes still knows them) and the erasure recorded in its history.
 * The deal itself stays, for the partner's records. A deal that no longer holds anything of the person is
 * returned as it is (erasing twice changes nothing).
 */
export function erasePerson(deal: Deal, person: Person, by: Actor, at: Date, approverPseudonym = REDACTED): Result<Deal> {
  const found = personInDeal(deal, person);
  if (!found) return ok(deal);
  const isPerson = (id: string) => person.userId !== undefined && id === person.userId;
  const places = new Set(found.contactPlaces.map((c) => c.place));
  const contact = { firstName: REDACTED, lastName: REDACTED, phone: REDACTED, email: REDACTED };
  const { inputs, update } = deal.wizard;
  const redacted: Deal = {
    ...deal,
    ownerId: found.owner ? REDACTED : deal.ownerId,
    ownerName: found.owner ? REDACTED : deal.ownerName,
    // The seller's files (contracts, the customer's emails) go with their owner's data.
    files: found.owner ? [] : deal.files,
    fields: places.has('registration') ? { ...deal.fields, contact } : deal.fields,
    wizard: {
      ...deal.wizard,
      inputs: places.has('unsaved_input') ? { ...inputs, contact } : inputs,
      update: update && places.has('before_update') ? { ...update, before: { ...update.before, contact } } : update,
    },
    history: deal.history.map((h) => (isPerson(h.by) ? { ...h, by: REDACTED, byName: REDACTED } : h)),
    review: deal.review && {
      ...deal.review,
      approvals: deal.review.approvals.map((a) => (isPerson(a.by) ? { ...a, by: approverPseudonym, byName: REDACTED } : a)),
    },
  };
  return transition(redacted, 'recordErasure', by, at, 'erased on request');
}

import type { Clock } from '../clock.js';
import type { Actor } from '../domain/actor.js';
import type { Deal, HistoryEntry } from '../domain/deal.js';
import { type ContactFound, erasePerson, type Person, personInDeal, REDACTED } from '../domain/personal-data.js';
import { STATUSES } from '../domain/status.js';
import type { ConversationRef, ConversationRefs } from '../store/conversation-refs.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { FileStore } from '../store/file-store.js';
import type { Pseudonyms } from '../store/pseudonyms.js';
import type { UserDirectory } from '../store/user-directory.js';
import type { UserLanguages } from '../store/user-languages.js';

/** Everything Dealbot keeps about one person in one tenant. */
export interface PersonData {
  person: Person;
  /** Deals they own. */
  ownedDeals: Deal[];
  /** Deals that name them as the registration's contact, in any place (registration, unsaved inputs, before an update). */
  contactInDeals: Deal[];
  /** Each place a deal keeps them as a contact, with what it keeps: unsaved inputs and "before" values included. */
  contactEntries: (ContactFound & { dealId: string })[];
  /** History entries they wrote, with the deal each is in. */
  historyEntries: (HistoryEntry & { dealId: string })[];
  conversationReference?: ConversationRef;
  /** The language tag of their last message to the bot. */
  language?: string;
}

export interface ErasureReport {
  /** Deals in which something was redacted. */
  deals: number;
  conversationReferenceRemoved: boolean;
}

/**
 * A data subject's requests (GDPR articles 15 and 17), for the partner's admin: what the bot keeps about a
 * person, and erasing it. A person is named by Entra object id or by email; an email the bot has seen on
 * a Teams profile leads to the Entra id too.
 */
export class PeopleService {
  constructor(
    private readonly deps: {
      deals: DealRepository;
      /** An erased owner's deals lose their files (contracts, emails): the deal stays, its files do not. */
      files?: FileStore;
      refs: ConversationRefs;
      directory: UserDirectory;
      languages: UserLanguages;
      pseudonyms: Pseudonyms;
      clock: Clock;
    },
  ) {}

  /** The person as the store knows them: an email also names the Entra user it belongs to, when known. */
  async resolve(tenantId: string, named: { userId: string } | { email: string }): Promise<Person> {
    if ('userId' in named) return { userId: named.userId, email: await this.deps.directory.emailOf(tenantId, named.userId) };
    return { email: named.email, userId: await this.deps.directory.byEmail(tenantId, named.email) };
  }

  /** How an audit log names who a request was about: a keyed hash, never the id or email itself. */
  auditSubject(tenantId: string, named: string): Promise<string> {
    return this.deps.pseudonyms.subject(tenantId, named);
  }

  async dataOf(tenantId: string, person: Person): Promise<PersonData> {
    const data: PersonData = { person, ownedDeals: [], contactInDeals: [], contactEntries: [], historyEntries: [] };
    for await (const batch of this.deps.deals.streamOfTenant(tenantId, STATUSES)) {
      for (const deal of batch) {
        const found = personInDeal(deal, person);
        if (!found) continue;
        if (found.owner) data.ownedDeals.push(deal);
        if (found.contact) data.contactInDeals.push(deal);
        data.contactEntries.push(...found.contactPlaces.map((c) => ({ ...c, dealId: deal.id })));
        data.historyEntries.push(...found.history.map((h) => ({ ...h, dealId: deal.id })));
      }
    }
    if (person.userId) {
      data.conversationReference = await this.deps.refs.get(tenantId, person.userId);
      data.language = await this.deps.languages.of(tenantId, person.userId);
    }
    return data;
  }

  /** Redacts the person everywhere they appear; running it again finds nothing more to do. */
  async erase(actor: Actor, person: Person): Promise<ErasureReport> {
    const { tenantId } = actor;
    const now = this.deps.clock();
    let deals = 0;
    // Their approvals keep a pseudonym: the same person, erased, still cannot give a deal its second approval.
    const pseudonym = person.userId ? await this.deps.pseudonyms.ofPerson(tenantId, person.userId) : undefined;
    // Streamed, a batch at a time: a tenant of any size is looked through in flat memory.
    for await (const batch of this.deps.deals.streamOfTenant(tenantId, STATUSES)) {
      for (const deal of batch) {
        if (!personInDeal(deal, person)) continue;
        const done = await this.deps.deals.update(tenantId, deal.id, (current) => {
          const erased = erasePerson(current, person, actor, now, pseudonym);
          return erased.ok ? { deal: erased.value, result: erased.value !== current } : erased.refusal;
        });
        if (done.ok && done.value.result) deals++;
        if (done.ok && done.value.deal.ownerId === REDACTED && deal.files.length > 0) await this.deps.files?.removeDeal(tenantId, deal.id);
      }
    }
    let conversationReferenceRemoved = false;
    if (person.userId) {
      await this.deps.deals.forgetOwner(tenantId, person.userId);
      conversationReferenceRemoved = (await this.deps.refs.get(tenantId, person.userId)) !== undefined;
      await this.deps.refs.remove(tenantId, person.userId);
      await this.deps.languages.forget(tenantId, person.userId);
    }
    await this.deps.directory.forget(tenantId, person);
    return { deals, conversationReferenceRemoved };
  }
}

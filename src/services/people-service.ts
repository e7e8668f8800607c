import type { Clock } from '../clock.js';
import type { Actor } from '../domain/actor.js';
import type { Deal, HistoryEntry } from '../domain/deal.js';
import { erasePerson, type Person, personInDeal } from '../domain/personal-data.js';
import type { ConversationRef, ConversationRefs } from '../store/conversation-refs.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { UserDirectory } from '../store/user-directory.js';
import type { UserLanguages } from '../store/user-languages.js';

/** Everything Dealbot keeps about one person in one tenant. */
export interface PersonData {
  person: Person;
  /** Deals they own. */
  ownedDeals: Deal[];
  /** Deals whose registration names them as the customer's contact. */
  contactInDeals: Deal[];
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
      refs: ConversationRefs;
      directory: UserDirectory;
      languages: UserLanguages;
      clock: Clock;
    },
  ) {}

  /** The person as the store knows them: an email also names the Entra user it belongs to, when known. */
  async resolve(tenantId: string, named: { userId: string } | { email: string }): Promise<Person> {
    if ('userId' in named) return { userId: named.userId, email: await this.deps.directory.emailOf(tenantId, named.userId) };
    return { email: named.email, userId: await this.deps.directory.byEmail(tenantId, named.email) };
  }

  async dataOf(tenantId: string, person: Person): Promise<PersonData> {
    const deals = await this.deps.deals.allOfTenant(tenantId);
    const data: PersonData = { person, ownedDeals: [], contactInDeals: [], historyEntries: [] };
    for (const deal of deals) {
      const found = personInDeal(deal, person);
      if (!found) continue;
      if (found.owner) data.ownedDeals.push(deal);
      if (found.contact) data.contactInDeals.push(deal);
      data.historyEntries.push(...found.history.map((h) => ({ ...h, dealId: deal.id })));
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
    for (const deal of await this.deps.deals.allOfTenant(tenantId)) {
      if (!personInDeal(deal, person)) continue;
      const done = await this.deps.deals.update(tenantId, deal.id, (current) => {
        const erased = erasePerson(current, person, actor, now);
        return erased.ok ? { deal: erased.value, result: erased.value !== current } : erased.refusal;
      });
      if (done.ok && done.value.result) deals++;
    }
    let conversationReferenceRemoved = false;
    if (person.userId) {
      conversationReferenceRemoved = (await this.deps.refs.get(tenantId, person.userId)) !== undefined;
      await this.deps.refs.remove(tenantId, person.userId);
      await this.deps.languages.forget(tenantId, person.userId);
    }
    await this.deps.directory.forget(tenantId, person);
    return { deals, conversationReferenceRemoved };
  }
}

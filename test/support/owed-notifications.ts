import type { Deal } from '../../src/domain/deal.js';
import { notification } from '../../src/domain/outbox.js';
import { ConversationRefs } from '../../src/store/conversation-refs.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import type { Documents } from '../../src/store/documents.js';
import { seededDeal } from './seed.js';

export interface OwnersToNotify {
  tenantId: string;
  /** How many owners, each with the bot installed (a conversation reference at `connectorUrl`). */
  owners: number;
  /** Deals per owner. */
  perOwner?: number;
  connectorUrl: string;
  /** Makes each owner's conversation id unique to the run (a connector may outlive several). */
  conversationIdOf: (owner: number) => string;
  /**
   * What each deal is: `decided` (approved, owing its owner the notification), or `in_review` (for the
   * caller to decide, so the notification comes from a real decision).
   */
  deals: 'decided' | 'in_review';
}

/**
 * Owners who installed the bot and a deal for each notification they will be owed, written straight to a
 * store: the seeding the pacing tests and the notification bench share. Returns each owner's
 * conversation and their deals.
 */
export async function seedOwnersToNotify(docs: Documents, o: OwnersToNotify): Promise<{ conversationId: string; deals: Deal[] }[]> {
  const refs = new ConversationRefs(docs);
  const repo = new DealRepository(docs);
  const seeded: { conversationId: string; deals: Deal[] }[] = [];
  for (let i = 0; i < o.owners; i++) {
    const ownerId = `owner-${i}`;
    const conversationId = o.conversationIdOf(i);
    await refs.save({
      tenantId: o.tenantId,
      userId: ownerId,
      serviceUrl: o.connectorUrl,
      channelId: 'msteams',
      conversationId,
      botId: '28:dealbot',
      locale: 'en',
      formatLocale: 'en-US',
      timeZone: 'UTC',
      valid: true,
    });
    const deals: Deal[] = [];
    for (let d = 0; d < (o.perOwner ?? 1); d++) {
      const companyName = `Customer ${i}-${d}`;
      if (o.deals === 'in_review') {
        const deal = seededDeal({ tenantId: o.tenantId, ownerId, status: 'in_review', companyName, minutesAgo: 10 });
        await repo.create(deal);
        deals.push(deal);
      } else {
        const deal = seededDeal({ tenantId: o.tenantId, ownerId, status: 'approved', companyName, minutesAgo: 1 });
        const owing = { ...deal, outbox: [notification('status_changed', deal, deal.updatedAt, { from: 'in_review' })] };
        await repo.create(owing);
        deals.push(owing);
      }
    }
    seeded.push({ conversationId, deals });
  }
  return seeded;
}

import { z } from 'zod';
import { Locale } from '../domain/deal.js';
import type { Documents } from './documents.js';
import { conversationRefKey } from './keys.js';

/** Where to reach a user proactively: their 1:1 chat with the bot, and how they read. */
export const ConversationRef = z.object({
  tenantId: z.string(),
  userId: z.string(),
  serviceUrl: z.string(),
  channelId: z.string(),
  conversationId: z.string(),
  botId: z.string(),
  locale: Locale,
  formatLocale: z.string(),
  timeZone: z.string(),
  /** False once Teams said the bot can no longer write there (uninstalled, blocked). */
  valid: z.boolean(),
});
export type ConversationRef = z.infer<typeof ConversationRef>;

export class ConversationRefs {
  constructor(private readonly docs: Documents) {}

  async get(tenantId: string, userId: string): Promise<ConversationRef | undefined> {
    const found = await this.docs.read<unknown>(conversationRefKey(tenantId, userId));
    return found ? ConversationRef.parse(found.value) : undefined;
  }

  /**
   * Keeps the latest reference (captured at install and on every message). Says whether the user has
   * just become reachable (first contact, or back after the bot lost them), so what waited can be sent.
   */
  async save(ref: ConversationRef): Promise<{ returned: boolean }> {
    const key = conversationRefKey(ref.tenantId, ref.userId);
    const found = await this.docs.read<unknown>(key);
    const previous = found ? ConversationRef.parse(found.value) : undefined;
    if (previous && JSON.stringify(previous) === JSON.stringify(ref)) return { returned: false };
    await this.docs.put(key, ref);
    return { returned: !previous?.valid };
  }

  async invalidate(tenantId: string, userId: string): Promise<void> {
    const current = await this.get(tenantId, userId);
    if (current?.valid) await this.docs.put(conversationRefKey(tenantId, userId), { ...current, valid: false });
  }

  /** Forgets where to reach the user (their data erased on request). */
  async remove(tenantId: string, userId: string): Promise<void> {
    await this.docs.remove(conversationRefKey(tenantId, userId));
  }
}

import { z } from 'zod';
import type { Documents } from './documents.js';
import { userLanguageKey } from './keys.js';

export const StoredLanguage = z.object({ tag: z.string().max(50) });

/** Per process, the tags last read or written: a message in the same language costs no store call. */
const LIMIT = 10_000;

/**
 * The language each user last wrote to the bot in. Some clients send no locale, or a fixed "en-US", on card
 * clicks (the Agents Playground does); the answer to a click should speak the language of the user's
 * messages. Shared through the store, so every instance answers alike.
 */
export class UserLanguages {
  private readonly known = new Map<string, string>();

  constructor(private readonly docs: Documents) {}

  /** After a message: the client's tag for it, written only when it changed. */
  async remember(tenantId: string, userId: string, tag: string): Promise<void> {
    const key = userLanguageKey(tenantId, userId);
    if (this.known.get(key) === tag) return;
    await this.docs.put(key, { tag });
    this.keep(key, tag);
  }

  /** The tag of the user's last message, if the bot has seen one. */
  async of(tenantId: string, userId: string): Promise<string | undefined> {
    const key = userLanguageKey(tenantId, userId);
    const cached = this.known.get(key);
    if (cached) return cached;
    const stored = StoredLanguage.safeParse((await this.docs.read<unknown>(key))?.value);
    if (!stored.success) return undefined;
    this.keep(key, stored.data.tag);
    return stored.data.tag;
  }

  async forget(tenantId: string, userId: string): Promise<void> {
    const key = userLanguageKey(tenantId, userId);
    this.known.delete(key);
    await this.docs.remove(key);
  }

  private keep(key: string, tag: string): void {
    if (this.known.size >= LIMIT) this.known.clear();
    this.known.set(key, tag);
  }
}

import { z } from 'zod';
import { DEFAULT_CONVERSATION, Desk, EMPTY_DESK } from '../domain/desk.js';
import { type Documents, StoreContentionError } from './documents.js';
import { deskKey, reviewConversationKey } from './keys.js';
import { afterConflict } from './retry.js';

const MAX_ATTEMPTS = 20;

/** How the one review conversation was stored before conversations had names: read as the default one. */
export const LegacyConversation = z.object({}).passthrough();

/** A tenant's deal desk (its claimed conversations and routing rules) as one document, changed by compare-and-set. */
export class DeskRepository {
  constructor(private readonly docs: Documents) {}

  async get(tenantId: string): Promise<Desk> {
    const found = await this.docs.read<unknown>(deskKey(tenantId));
    if (found) return Desk.parse(found.value);
    return this.legacy(tenantId);
  }

  private async legacy(tenantId: string): Promise<Desk> {
    const old = await this.docs.read<unknown>(reviewConversationKey(tenantId));
    if (!old) return EMPTY_DESK;
    const parsed = Desk.shape.conversations.safeParse([{ ...LegacyConversation.parse(old.value), name: DEFAULT_CONVERSATION }]);
    return parsed.success ? { ...EMPTY_DESK, conversations: parsed.data } : EMPTY_DESK;
  }

  /** Applies `change` to the desk as stored; again on a conflict, so it must decide from the desk it is given. */
  async update<R>(tenantId: string, change: (desk: Desk) => { desk: Desk; result: R }): Promise<R> {
    const key = deskKey(tenantId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const found = await this.docs.read<unknown>(key);
      const current = found ? Desk.parse(found.value) : await this.legacy(tenantId);
      const { desk, result } = change(current);
      if (desk === current) return result;
      if (found ? await this.docs.swap(key, found.token, desk) : await this.docs.insert(key, desk)) return result;
      await afterConflict(attempt);
    }
    throw new StoreContentionError(key);
  }
}

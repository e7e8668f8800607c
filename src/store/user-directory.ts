import { z } from 'zod';
import type { Documents } from './documents.js';
import { userByEmailKey } from './keys.js';

const Known = z.object({ userId: z.string() });

/**
 * Emails the bot has seen on Teams profiles, so an integration may name a deal's owner by email. Only
 * users who have used the bot are known: an Entra object id always works.
 */
export class UserDirectory {
  constructor(private readonly docs: Documents) {}

  async remember(tenantId: string, email: string, userId: string): Promise<void> {
    await this.docs.put(userByEmailKey(tenantId, email), { userId });
  }

  async byEmail(tenantId: string, email: string): Promise<string | undefined> {
    const found = await this.docs.read<unknown>(userByEmailKey(tenantId, email));
    return found ? Known.parse(found.value).userId : undefined;
  }
}

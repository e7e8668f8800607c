import { z } from 'zod';
import type { Documents } from './documents.js';
import { emailOfUserKey, userByEmailKey } from './keys.js';

export const KnownUser = z.object({ userId: z.string() });
export const KnownEmail = z.object({ email: z.string() });

/**
 * Emails the bot has seen on Teams profiles, so an integration may name a deal's owner by email. Only
 * users who have used the bot are known: an Entra object id always works. Kept both ways, so a data
 * request naming the user's id finds the email too.
 */
export class UserDirectory {
  constructor(private readonly docs: Documents) {}

  async remember(tenantId: string, email: string, userId: string): Promise<void> {
    await this.docs.put(userByEmailKey(tenantId, email), { userId });
    await this.docs.put(emailOfUserKey(tenantId, userId), { email });
  }

  async byEmail(tenantId: string, email: string): Promise<string | undefined> {
    const found = await this.docs.read<unknown>(userByEmailKey(tenantId, email));
    return found ? KnownUser.parse(found.value).userId : undefined;
  }

  /** The email last seen on the user's profile (remembered since data requests were answered). */
  async emailOf(tenantId: string, userId: string): Promise<string | undefined> {
    const found = await this.docs.read<unknown>(emailOfUserKey(tenantId, userId));
    return found ? KnownEmail.parse(found.value).email : undefined;
  }

  /** Forgets the user's email both ways. */
  async forget(tenantId: string, person: { userId?: string; email?: string }): Promise<void> {
    if (person.email) await this.docs.remove(userByEmailKey(tenantId, person.email));
    if (person.userId) await this.docs.remove(emailOfUserKey(tenantId, person.userId));
  }
}

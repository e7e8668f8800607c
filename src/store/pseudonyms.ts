import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Documents } from './documents.js';
import { PSEUDONYM_SECRET_KEY } from './keys.js';

const Secret = z.object({ secret: z.string().min(40) });

/**
 * Pseudonyms for people: a keyed hash (HMAC-SHA-256) of tenant and id under a secret drawn once and kept in
 * the store, so every instance, restart and restored copy makes the same one, and nobody without the store
 * can reverse it by hashing a list of guesses. An erased approver's approvals keep a pseudonym rather than
 * nothing, so the same person cannot approve a four-eyes deal a second time; audit logs name subjects by one.
 * Keys for other uses (signing links to deals' files) are derived from the same secret, one per purpose.
 */
export class Pseudonyms {
  private secret?: Promise<Buffer>;

  constructor(private readonly docs: Documents) {}

  /** The pseudonym an erased person's approvals keep: "erased:" and 32 hex digits. */
  async ofPerson(tenantId: string, personId: string): Promise<string> {
    return `erased:${await this.hash(`person:${tenantId}:${personId}`, 32)}`;
  }

  /** How an audit log names the person a data request was about: 16 hex digits. */
  subject(tenantId: string, named: string): Promise<string> {
    return this.hash(`subject:${tenantId}:${named}`, 16);
  }

  /** A key for another use of the same secret (signing file links): derived, so no two uses share one. */
  async key(purpose: string): Promise<Buffer> {
    return createHmac('sha256', await this.secretKey())
      .update(`key:${purpose}`)
      .digest();
  }

  private async hash(text: string, digits: number): Promise<string> {
    return createHmac('sha256', await this.secretKey())
      .update(text)
      .digest('hex')
      .slice(0, digits);
  }

  /** Read once per process; drawn by whichever instance needs it first (insert-if-absent, then read back). */
  private secretKey(): Promise<Buffer> {
    this.secret ??= (async () => {
      let found = await this.docs.read<unknown>(PSEUDONYM_SECRET_KEY);
      if (!found) {
        await this.docs.insert(PSEUDONYM_SECRET_KEY, { secret: randomBytes(32).toString('base64') });
        found = await this.docs.read<unknown>(PSEUDONYM_SECRET_KEY);
      }
      return Buffer.from(Secret.parse(found?.value).secret, 'base64');
    })().catch((error: unknown) => {
      this.secret = undefined;
      throw error;
    });
    return this.secret;
  }
}

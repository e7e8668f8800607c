import { DAY_MS } from '../domain/dates.js';
import { ReviewDigest } from '../domain/review-digest.js';
import type { Documents } from './documents.js';
import { Indexes } from './indexes.js';
import { digestKey, digestPendingId, pendingKey } from './keys.js';
import { afterConflict } from './retry.js';

/** A digest is of no use after a few days: its document expires (the next day has its own). */
const DIGEST_TTL_MS = 3 * DAY_MS;
const MAX_ATTEMPTS = 10;

/** The review conversations' daily digests: created once per conversation and day, delivered through the pending index. */
export class DigestRepository {
  private readonly indexes: Indexes;

  constructor(private readonly docs: Documents) {
    this.indexes = new Indexes(docs);
  }

  /**
   * Creates the day's digest unless one exists (another instance made it first): false then. The pending
   * entry is written first, as an intent, so a crash between the two cannot leave a digest nobody sends.
   */
  async create(digest: ReviewDigest): Promise<boolean> {
    const id = digestPendingId(digest.tenantId, digest.conversation, digest.day);
    const key = digestKey(digest.tenantId, digest.conversation, digest.day);
    if (await this.docs.read(key)) return false;
    await this.indexes.add(pendingKey(id), { id, at: this.docs.clock().toISOString(), version: 0 });
    return this.docs.insert(key, digest, DIGEST_TTL_MS);
  }

  async get(tenantId: string, conversation: string, day: string): Promise<ReviewDigest | undefined> {
    const found = await this.docs.read<unknown>(digestKey(tenantId, conversation, day));
    return found ? ReviewDigest.parse(found.value) : undefined;
  }

  /** Applies `change` by compare-and-set (undefined: no change); returns the digest as written, or undefined. */
  async update(
    tenantId: string,
    conversation: string,
    day: string,
    change: (digest: ReviewDigest) => ReviewDigest | undefined,
  ): Promise<ReviewDigest | undefined> {
    const key = digestKey(tenantId, conversation, day);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const found = await this.docs.read<unknown>(key);
      if (!found) return undefined;
      const next = change(ReviewDigest.parse(found.value));
      if (!next) return undefined;
      if (await this.docs.swap(key, found.token, next, DIGEST_TTL_MS)) return next;
      await afterConflict(attempt);
    }
    return undefined;
  }

  /** The digest owes nothing more (or is gone): out of the pending index. */
  async settled(tenantId: string, conversation: string, day: string): Promise<void> {
    const id = digestPendingId(tenantId, conversation, day);
    await this.indexes.drop(pendingKey(id), id);
  }
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { isRegistered } from '../domain/access.js';
import { type Actor, hasRole, owns } from '../domain/actor.js';
import type { Deal } from '../domain/deal.js';
import type { DealFile } from '../domain/deal-file.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { FileStore } from '../store/file-store.js';
import type { Pseudonyms } from '../store/pseudonyms.js';

/** How long a link to a file works: a card shown today, opened today. Cards refreshed later carry new ones. */
export const FILE_LINK_TTL_MS = 24 * 3_600_000;

/** What a link grants: one file of one deal, to one viewer (its seller, or a reviewer of its tenant), until `e`. */
const Grant = z.object({
  t: z.string(),
  d: z.string(),
  f: z.string(),
  v: z.string(),
  as: z.enum(['owner', 'desk']),
  e: z.number().int(),
});
type Grant = z.infer<typeof Grant>;

export type Opened = { ok: true; file: DealFile; bytes: Buffer } | { ok: false };

/**
 * Links to a deal's files through the bot (https://BOT_DOMAIN/files/<token>), never a public URL: the token
 * names the file and the viewer it was made for, is signed with the store's secret, and expires. Opening
 * it checks again that the deal still lists the file and that the viewer may still see the deal.
 */
export class FileLinks {
  constructor(private readonly deps: { publicUrl: string; secret: Pseudonyms; deals: DealRepository; files: FileStore; clock: Clock }) {}

  private signingKey?: Buffer;

  /**
   * The signing key, read from the store once per process. Cards are drawn synchronously: a turn waits for
   * this first, and a store that cannot be read only means cards list files without links for a moment.
   */
  async ready(): Promise<boolean> {
    if (!this.signingKey) this.signingKey = await this.deps.secret.key('file-links').catch(() => undefined);
    return this.signingKey !== undefined;
  }

  /** A link for this viewer, or undefined if they may not open the deal's files (or the key is not read yet). */
  linkFor(viewer: Actor, deal: Deal, file: DealFile): string | undefined {
    const as = owns(viewer, deal)
      ? 'owner'
      : hasRole(viewer, 'reviewer') && viewer.tenantId === deal.tenantId && isRegistered(deal)
        ? 'desk'
        : undefined;
    if (!as || !this.signingKey) return undefined;
    const grant: Grant = { t: deal.tenantId, d: deal.id, f: file.id, v: viewer.id, as, e: this.deps.clock().getTime() + FILE_LINK_TTL_MS };
    const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
    return `${this.deps.publicUrl}/files/${payload}.${this.sign(payload, this.signingKey)}`;
  }

  /** The file a link names, if the link is genuine, unexpired, and its viewer may still see the deal. */
  async open(token: string): Promise<Opened> {
    const [payload, signature] = token.split('.');
    if (!payload || !signature || payload.length > 2000) return { ok: false };
    if (!(await this.ready())) return { ok: false };
    const expected = Buffer.from(this.sign(payload, this.signingKey!));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false };
    const grant = Grant.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!grant.success || grant.data.e < this.deps.clock().getTime()) return { ok: false };
    const { t, d, f, v, as } = grant.data;
    const deal = await this.deps.deals.get(t, d);
    if (!deal) return { ok: false };
    if (as === 'owner' ? deal.ownerId !== v : !isRegistered(deal)) return { ok: false };
    const file = deal.files.find((x) => x.id === f);
    if (!file) return { ok: false };
    const bytes = await this.deps.files.get({ tenantId: t, dealId: d, fileId: f });
    return bytes ? { ok: true, file, bytes } : { ok: false };
  }

  private sign(payload: string, key: Buffer): string {
    return createHmac('sha256', key).update(payload).digest('base64url');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

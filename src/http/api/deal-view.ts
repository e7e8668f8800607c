import type { Deal } from '../../domain/deal.js';
import type { DealFile } from '../../domain/deal-file.js';
import { dealRef } from '../../domain/deal-ref.js';
import { DEFAULT_CONVERSATION } from '../../domain/desk.js';
import type { PageCursor } from '../../store/pages.js';

/** A deal as the API shows it: no wizard state, no outbox internals. */
export function dealView(
  deal: Deal,
  duplicates: readonly Deal[] = [],
  ownerReachable?: boolean,
  fileLink?: (file: DealFile) => string | undefined,
) {
  return {
    id: deal.id,
    ref: dealRef(deal.id),
    status: deal.status,
    version: deal.version,
    ownerId: deal.ownerId,
    ownerName: deal.ownerName,
    source: deal.source,
    createdAt: deal.createdAt,
    updatedAt: deal.updatedAt,
    registeredAt: deal.registeredAt,
    fields: deal.fields,
    flagged: deal.flagged,
    exception: deal.exception,
    duplicates: duplicates.map((d) => dealRef(d.id)),
    ownerReachableInTeams: ownerReachable,
    notificationsPending: deal.outbox.filter((e) => e.audience === 'owner' && !e.deliveredAt).length,
    review: deal.review && {
      conversation: deal.review.conversation ?? DEFAULT_CONVERSATION,
      approvalsRequired: deal.review.approvalsRequired,
      approvals: deal.review.approvals,
    },
    reviewCardPending: deal.outbox.some((e) => e.audience === 'desk' && !e.deliveredAt),
    typedIn: deal.status === 'incomplete' && Object.keys(deal.wizard.inputs).length > 0 ? deal.wizard.inputs : undefined,
    history: deal.history,
    files: deal.files.map((file) => {
      const { id, name, kind, bytes, sha256, byName, at } = file;
      return { id, name, kind, bytes, sha256, byName, at, url: fileLink?.(file) };
    }),
  };
}

export const etagOf = (deal: Deal) => `"${deal.version}"`;

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string): PageCursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && 'at' in value && 'id' in value) {
      const { at, id } = value as Record<string, unknown>;
      if (typeof at === 'string' && typeof id === 'string' && at.length < 40 && id.length < 100) return { at, id };
    }
  } catch {
    // not base64url JSON: the caller answers "invalid cursor"
  }
  return undefined;
}

import { z } from 'zod';
import { Deal } from '../domain/deal.js';
import { Desk } from '../domain/desk.js';
import { ReviewDigest } from '../domain/review-digest.js';
import { ConversationRef } from './conversation-refs.js';
import { RecentCurrencies } from './deal-repository.js';
import { LegacyConversation } from './desk-repository.js';
import type { StoredRow } from './documents.js';
import { type RecordKind, recordKindOf, upgraded } from './schema-versions.js';
import { StoredSolutions } from './solutions-repository.js';
import { KnownEmail, KnownUser } from './user-directory.js';
import { StoredLanguage } from './user-languages.js';

/** How each record kind is read by the repository that owns it: a restore checks every record the same way. */
const SCHEMAS: Record<RecordKind, z.ZodType> = {
  deal: Deal,
  desk: Desk,
  'review-conversation': LegacyConversation,
  'review-digest': ReviewDigest,
  ref: ConversationRef,
  referral: z.object({ dealId: z.string().min(1) }),
  'recent-currencies': RecentCurrencies,
  'user-language': StoredLanguage,
  'user-email': KnownUser,
  'user-email-of': KnownEmail,
  solutions: StoredSolutions,
};

/** The tenant (and, for some kinds, the id) a key names, which the content must name too. */
function keyParts(key: string): string[] {
  return key.split('/').slice(1).map(decodeURIComponent);
}

/** What the content names against what its key names: a row filed under one tenant must be about that tenant. */
function disagreement(kind: RecordKind, key: string, value: unknown): string | undefined {
  const [tenant, id] = keyParts(key);
  const v = value as Record<string, unknown>;
  const mismatch = (field: string, want: string | undefined) =>
    v[field] !== want ? `its key names ${want} but its ${field} is ${JSON.stringify(v[field])}` : undefined;
  switch (kind) {
    case 'deal':
      return mismatch('tenantId', tenant) ?? mismatch('id', id);
    case 'ref':
      return mismatch('tenantId', tenant) ?? mismatch('userId', id);
    case 'review-digest':
      return mismatch('tenantId', tenant);
    case 'desk': {
      const other = (value as Desk).conversations.find((c) => c.reference.tenantId !== tenant);
      return other ? `its key names tenant ${tenant} but conversation "${other.name}" is in ${other.reference.tenantId}` : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Why a row could not be restored as it is, or undefined if it can: every row must be keyv's JSON row; a
 * record of a kind this release knows must read as its repository reads it (after upgrading an older
 * shape; a newer one is refused), and must be about the tenant its key names.
 */
export function problemOf(row: StoredRow): string | undefined {
  let stored: { value?: unknown };
  try {
    stored = JSON.parse(row.raw) as { value?: unknown };
  } catch {
    return `${row.key}: not JSON`;
  }
  if (typeof stored !== 'object' || stored === null || !('value' in stored)) return `${row.key}: not a stored document`;
  const kind = recordKindOf(row.key);
  if (!kind) return undefined;
  let value: unknown;
  try {
    value = upgraded(kind, stored.value);
  } catch (error) {
    return `${row.key}: ${(error as Error).message}`;
  }
  const read = SCHEMAS[kind].safeParse(value);
  if (!read.success) {
    const issue = read.error.issues[0]!;
    return `${row.key}: not a valid ${kind} record (${issue.path.join('.') || 'value'}: ${issue.message})`;
  }
  const other = disagreement(kind, row.key, read.data);
  return other ? `${row.key}: ${other}` : undefined;
}

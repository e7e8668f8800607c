/**
 * Every record the store keeps (deals, desks, digests, conversation references, catalogues, settings)
 * carries the version of its shape in `schemaVersion`. A record read in an older shape is brought up to
 * date through one small function per version step, in order; a record written is stamped with the
 * current version. Documents written before versions existed read as version 0.
 *
 * Derived indexes (lists of deal ids) and short-lived keys (handled activities, pacing, failed keys) are
 * not records: `npm run store -- upgrade` rebuilds the indexes from the deals, and the others expire.
 *
 * To change a record's shape: add a step to its list below (version n to n + 1), with a fixture of the
 * old shape in test/fixtures/documents/, and change the zod schema that reads it.
 */

type Doc = Record<string, unknown>;
type Step = (old: Doc) => Doc;

/** Version 0 to 1: today's shape, with its version stated. */
const stated: Step = (old) => old;

/** The record kinds, by the first segment of their key (src/store/keys.ts). */
export const RECORD_STEPS = {
  deal: [stated],
  desk: [stated],
  'review-conversation': [stated],
  'review-digest': [stated],
  ref: [stated],
  referral: [stated],
  'recent-currencies': [stated],
  'user-language': [stated],
  'user-email': [stated],
  'user-email-of': [stated],
  // Version 0 was the bare list; an object can carry its version.
  solutions: [(old) => ({ solutions: old as unknown })],
} satisfies Record<string, Step[]>;
export type RecordKind = keyof typeof RECORD_STEPS;

export const SCHEMA_VERSION = 'schemaVersion';

/** The record kind a key holds, or undefined for an index or a short-lived key. */
export function recordKindOf(key: string): RecordKind | undefined {
  const first = key.slice(0, key.indexOf('/'));
  return first in RECORD_STEPS ? (first as RecordKind) : undefined;
}

export const currentVersion = (kind: RecordKind) => RECORD_STEPS[kind].length;

/** The version a stored value is in (0: written before versions). */
export function versionOf(value: unknown): number {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 0;
  const v = (value as Doc)[SCHEMA_VERSION];
  return typeof v === 'number' ? v : 0;
}

/**
 * A record stamped with a version this code does not know: written by a newer Dealbot (a rollback, or an
 * old instance beside a new one). Reading it in an older shape would drop what the newer one added, and
 * the next write would lose it for good; so it is not read at all, and the store answers as unavailable.
 */
export class NewerRecordError extends Error {
  constructor(kind: RecordKind, version: number) {
    super(
      `a ${kind} record is in schema version ${version}, newer than this Dealbot's ${currentVersion(kind)}: it was written by a newer release. Run that release (or restore a backup taken for this one); nothing was changed`,
    );
    this.name = 'NewerRecordError';
  }
}

/** The value in the current shape of its kind (unchanged when it is already); a newer one is refused. */
export function upgraded(kind: RecordKind, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value; // not a record this product wrote
  let version = versionOf(value);
  const steps: Step[] = RECORD_STEPS[kind];
  if (version > steps.length) throw new NewerRecordError(kind, version);
  if (version === steps.length) return value;
  let doc = value as Doc;
  while (version < steps.length) {
    const { [SCHEMA_VERSION]: _old, ...rest } = Array.isArray(doc) ? ({} as Doc) : doc;
    doc = { ...steps[version]!(Array.isArray(doc) ? doc : rest), [SCHEMA_VERSION]: ++version };
  }
  return doc;
}

/** The value as written: stamped with its kind's current version. */
export function stamped(kind: RecordKind, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return { ...(value as Doc), [SCHEMA_VERSION]: currentVersion(kind) };
}

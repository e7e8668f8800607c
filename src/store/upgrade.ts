import type { Documents } from './documents.js';
import { afterConflict } from './retry.js';
import { currentVersion, recordKindOf, versionOf } from './schema-versions.js';
import { storedValue } from './transfer.js';

export interface UpgradeReport {
  /** Records read. */
  records: number;
  /** Records rewritten in their current shape. */
  upgraded: number;
}

/**
 * Rewrites every record stored in an older shape in its current one, each by compare-and-set: an
 * instance that wrote the record meanwhile wrote it in the current shape already (it reads the old and
 * writes the new), so a lost race leaves nothing to do. Safe beside running instances.
 */
export async function upgradeAll(docs: Documents, progress: (done: number) => void = () => {}): Promise<UpgradeReport> {
  const report = { records: 0, upgraded: 0 };
  for await (const page of docs.scan()) {
    for (const row of page) {
      const kind = recordKindOf(row.key);
      if (!kind) continue;
      report.records++;
      if (versionOf(storedValue(row)) >= currentVersion(kind)) continue;
      if (await rewrite(docs, row.key)) report.upgraded++;
      if (report.upgraded % 1000 === 0) progress(report.upgraded);
    }
  }
  return report;
}

/** Reads the record (upgraded on the way) and writes it back if its stored shape is still an old one. */
async function rewrite(docs: Documents, key: string): Promise<boolean> {
  const kind = recordKindOf(key)!;
  for (let attempt = 0; attempt < 10; attempt++) {
    const found = await docs.read<unknown>(key);
    if (!found) return false; // deleted meanwhile
    if (versionOf((JSON.parse(found.token) as { value?: unknown }).value) >= currentVersion(kind)) return false;
    const ttl = (JSON.parse(found.token) as { expires?: number }).expires;
    const ttlMs = typeof ttl === 'number' ? Math.max(1, ttl - docs.clock().getTime()) : undefined;
    if (await docs.swap(key, found.token, found.value, ttlMs)) return true;
    await afterConflict(attempt);
  }
  return false;
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyConfig, ApiRole } from '../../config.js';
import type { Actor } from '../../domain/actor.js';

/** Who calls the API: the actor its key makes (its tenant, its one role), and the key's name for the logs. */
export interface ApiCaller extends Actor {
  role: ApiRole;
  /** A short, non-secret name for the key: the first 8 hex digits of its hash. */
  keyId: string;
}

export type AuthOutcome = { ok: true; caller: ApiCaller } | { ok: false; reason: 'missing' | 'invalid' };

/** Bearer API keys checked by hash, in constant time, against every configured key. */
export class ApiKeys {
  private readonly hashes: { config: ApiKeyConfig; digest: Buffer }[];

  constructor(keys: readonly ApiKeyConfig[]) {
    this.hashes = keys.map((config) => ({ config, digest: Buffer.from(config.sha256, 'hex') }));
  }

  authenticate(authorization: string | undefined): AuthOutcome {
    const match = /^Bearer\s+(\S{1,512})$/i.exec(authorization ?? '');
    if (!match) return { ok: false, reason: 'missing' };
    const digest = createHash('sha256').update(match[1]!).digest();
    let found: ApiKeyConfig | undefined;
    // Compare with every key, not just until the first match, so timing says nothing about which matched.
    for (const key of this.hashes) {
      if (timingSafeEqual(digest, key.digest) && !found) found = key.config;
    }
    if (!found) return { ok: false, reason: 'invalid' };
    const keyId = found.sha256.slice(0, 8);
    return { ok: true, caller: { tenantId: found.tenantId, id: `api-key:${keyId}`, roles: [found.role], role: found.role, keyId } };
  }
}

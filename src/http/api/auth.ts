import { createHash, timingSafeEqual } from 'node:crypto';
import { type ApiKeyConfig, type ApiRole, slotOf } from '../../config.js';
import type { Actor } from '../../domain/actor.js';

/** Who calls the API: the actor its key makes (its tenant, its one role), and the key's name for the logs. */
export interface ApiCaller extends Actor {
  role: ApiRole;
  /** A short, non-secret name for the key: the first 8 hex digits of its hash. */
  keyId: string;
}

export type AuthOutcome = { ok: true; caller: ApiCaller } | { ok: false; reason: 'missing' | 'invalid' };

const keyIdOf = (key: ApiKeyConfig) => key.sha256.slice(0, 8);

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
    return { ok: true, caller: this.callerOf(found) };
  }

  /**
   * A key bound to a person acts as that person (their Entra object id): their approval in Teams and by key
   * are one, and their own deals are theirs on every path. A key bound to no one is "api-key:<key id>", and
   * the other key of its rotating pair is the same caller.
   */
  private callerOf(key: ApiKeyConfig): ApiCaller {
    const keyId = keyIdOf(key);
    const base = { tenantId: key.tenantId, roles: [key.role], role: key.role, keyId };
    if (key.person) return { ...base, id: key.person };
    const twins = this.hashes.filter((k) => k.config !== key && slotOf(k.config) === slotOf(key));
    return { ...base, id: `api-key:${keyId}`, aliases: twins.map((k) => `api-key:${keyIdOf(k.config)}`), unboundKey: true };
  }
}

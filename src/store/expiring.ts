import type { Logger } from '../log.js';
import type { Documents } from './documents.js';
import { EXPIRING_PREFIXES, instanceKey, seenKey } from './keys.js';

/** Teams redelivers a turn that took over 15 s; a repeat within this window is skipped. */
const REDELIVERY_WINDOW_MS = 10 * 60_000;

/**
 * Deletes expired keys (handled activities, failed-key counts) where the backend does not expire them
 * itself, once per redelivery window; on Redis each such key carries its own TTL and this deletes nothing.
 */
export function sweepExpiredKeys(store: Documents, log: Logger): () => void {
  const timer = setInterval(() => {
    for (const prefix of EXPIRING_PREFIXES) {
      store
        .sweepExpired(prefix)
        .catch((error) => log.warn({ err: (error as Error).message, prefix }, 'sweeping expired keys failed; trying again later'));
    }
  }, REDELIVERY_WINDOW_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * True the first time an activity is seen in its tenant and conversation (activity ids are unique only
 * within a conversation); a redelivery within the window finds it taken.
 */
export function firstDelivery(store: Documents, tenantId: string, conversationId: string, activityId: string): Promise<boolean> {
  return store.insert(seenKey(tenantId, conversationId, activityId), 1, REDELIVERY_WINDOW_MS);
}

/** How long a running instance's heartbeat lasts; it is renewed at a third of that. */
const HEARTBEAT_MS = 30_000;

/**
 * While the bot runs, a short-lived key names it (host:pid): `npm run store` tells a copy or backup of a
 * store in use. Returns the function that stops it and removes the key.
 */
export function heartbeat(store: Documents, instance: string, log: Logger): () => Promise<void> {
  const key = instanceKey(instance);
  const beat = () =>
    store
      .put(key, { since: store.clock().toISOString() }, HEARTBEAT_MS)
      .catch((error) => log.debug({ err: (error as Error).message }, 'instance heartbeat not written'));
  void beat();
  const timer = setInterval(beat, HEARTBEAT_MS / 3);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await store.remove(key).catch(() => undefined);
  };
}

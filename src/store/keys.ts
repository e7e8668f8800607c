import { createHash } from 'node:crypto';
import type { Status } from '../domain/status.js';

// Ids come from activities and payloads: encode them so no id can reach into another tenant's keys.
const part = (s: string) => encodeURIComponent(s);

export const dealKey = (tenantId: string, dealId: string) => `deal/${part(tenantId)}/${part(dealId)}`;
export const ownerIndexKey = (tenantId: string, ownerId: string, status: Status) => `owner/${part(tenantId)}/${part(ownerId)}/${status}`;
export const conversationRefKey = (tenantId: string, userId: string) => `ref/${part(tenantId)}/${part(userId)}`;

/**
 * The tenant's deals by status (the deal desk's queue), split over shards: every decision in a tenant
 * rewrites its queue, and one document for all of them would make concurrent decisions collide.
 */
export const QUEUE_SHARDS = 8;
function shardOf(id: string, shards: number): number {
  return createHash('sha1').update(id).digest().readUInt16BE(0) % shards;
}
/** Not shardOf: stores written before it place queue entries by the hash's first byte, and still do. */
export function queueShard(dealId: string): number {
  return createHash('sha1').update(dealId).digest()[0]! % QUEUE_SHARDS;
}
export const queueKey = (tenantId: string, status: Status, shard: number) => `queue/${part(tenantId)}/${status}/${shard}`;
export const queueKeys = (tenantId: string, status: Status) =>
  Array.from({ length: QUEUE_SHARDS }, (_, shard) => queueKey(tenantId, status, shard));

/** Registered deals by customer (name and country, normalised), for the duplicate warning. */
export const duplicateKey = (tenantId: string, customerKey: string) => `dup/${part(tenantId)}/${part(customerKey)}`;
/**
 * Registered deals listed under one search word (a name word's first characters, a reference's start),
 * split over shards as the queue is: a word many names share ("Consulting") is written by every
 * registration that has it, and one document would make concurrent registrations collide.
 */
export const SEARCH_SHARDS = 8;
export const searchKey = (tenantId: string, token: string, shard: number) => `search/${part(tenantId)}/${part(token)}/${shard}`;
export const searchKeyOf = (tenantId: string, token: string, dealId: string) => searchKey(tenantId, token, shardOf(dealId, SEARCH_SHARDS));
export const searchKeys = (tenantId: string, token: string) =>
  Array.from({ length: SEARCH_SHARDS }, (_, shard) => searchKey(tenantId, token, shard));
/** The tenant's search index lists every registered deal (built, or kept since its first deal). */
export const searchBuiltKey = (tenantId: string) => `search-built/${part(tenantId)}`;
/** An integration's referral id, so reporting the same referral twice creates one deal. */
export const referralKey = (tenantId: string, referralId: string) => `referral/${part(tenantId)}/${part(referralId)}`;
/** The one review conversation, as stored before conversations had names (read as the default one). */
export const reviewConversationKey = (tenantId: string) => `review-conversation/${part(tenantId)}`;
/** The tenant's deal desk: its claimed review conversations and routing rules. */
export const deskKey = (tenantId: string) => `desk/${part(tenantId)}`;
/** Deals whose review card waits for a reviewer to claim a conversation that can take it. */
export const deskWaitingKey = (tenantId: string) => `desk-waiting/${part(tenantId)}`;
/** The currencies a tenant's sellers chose lately, offered first. */
export const recentCurrenciesKey = (tenantId: string) => `recent-currencies/${part(tenantId)}`;
export const solutionsKey = (tenantId: string) => `solutions/${part(tenantId)}`;
/** The locale tag of a user's last message, for card clicks that arrive without one. */
export const userLanguageKey = (tenantId: string, userId: string) => `user-language/${part(tenantId)}/${part(userId)}`;
export const userByEmailKey = (tenantId: string, email: string) => `user-email/${part(tenantId)}/${part(email.toLowerCase())}`;
export const emailOfUserKey = (tenantId: string, userId: string) => `user-email-of/${part(tenantId)}/${part(userId)}`;
/** Where a deal's review card was posted, so a decision can update it for everyone. */
export const reviewPostKey = (tenantId: string, dealId: string) => `review-post/${part(tenantId)}/${part(dealId)}`;

/**
 * Deals owing their owner a notification, over all tenants, split over shards the workers read. Every
 * decision adds to one and every delivery takes from one: at 8 shards, 32 decisions and 16 deliveries at
 * once kept a shard busy past 20 retries (measured); 32 shards read in one round trip cost nothing.
 */
export const PENDING_SHARDS = 32;
export const pendingKeys = () => Array.from({ length: PENDING_SHARDS }, (_, shard) => `pending/${shard}`);
export const pendingKey = (dealId: string) => `pending/${shardOf(dealId, PENDING_SHARDS)}`;
/** A pending index entry names the tenant, the owner and the deal. */
export const pendingEntryId = (tenantId: string, ownerId: string, dealId: string) => [tenantId, ownerId, dealId].map(part).join('/');
export function parsePendingEntryId(id: string): { tenantId: string; ownerId: string; dealId: string } | undefined {
  const parts = id.split('/').map(decodeURIComponent);
  return parts.length === 3 ? { tenantId: parts[0]!, ownerId: parts[1]!, dealId: parts[2]! } : undefined;
}
/** A review conversation's digest of deals waiting too long, one per conversation and day. */
export const digestKey = (tenantId: string, conversation: string, day: string) =>
  `review-digest/${part(tenantId)}/${part(conversation.toLowerCase())}/${part(day)}`;
/** A digest owed, in the pending index beside the deals: "@" never starts an encoded tenant id. */
const DIGEST_PENDING_PREFIX = '@digest/';
export const digestPendingId = (tenantId: string, conversation: string, day: string) =>
  `${DIGEST_PENDING_PREFIX}${[tenantId, conversation.toLowerCase(), day].map(part).join('/')}`;
export function parseDigestPendingId(id: string): { tenantId: string; conversation: string; day: string } | undefined {
  if (!id.startsWith(DIGEST_PENDING_PREFIX)) return undefined;
  const parts = id.slice(DIGEST_PENDING_PREFIX.length).split('/').map(decodeURIComponent);
  return parts.length === 3 ? { tenantId: parts[0]!, conversation: parts[1]!, day: parts[2]! } : undefined;
}

/** Deals whose notifications wait for an owner the bot cannot reach, until they come back. */
export const waitingKey = (tenantId: string, ownerId: string) => `waiting/${part(tenantId)}/${part(ownerId)}`;
/** An activity already handled, in its tenant and conversation: Teams redelivers a turn that took over 15 s. */
export const SEEN_PREFIX = 'seen/';
export const seenKey = (tenantId: string, conversationId: string, activityId: string) =>
  `${SEEN_PREFIX}${part(tenantId)}/${part(conversationId)}/${part(activityId)}`;
/** Recent failed API authentications from one client address, shared by every instance. */
export const AUTH_FAILURES_PREFIX = 'auth-failures/';
export const authFailuresKey = (address: string) => `${AUTH_FAILURES_PREFIX}${part(address)}`;
/** Sends counted under one of Teams' limits (a conversation, a tenant), shared by every instance. */
export const PACE_PREFIX = 'pace/';
export const paceKey = (limitKey: string) => `${PACE_PREFIX}${part(limitKey)}`;
/** A running instance of the bot, renewed while it runs: the store commands see the store is in use. */
export const INSTANCE_PREFIX = 'instance/';
export const instanceKey = (instance: string) => `${INSTANCE_PREFIX}${part(instance)}`;
/** Keys written with a time to live: swept where the backend does not expire keys itself. */
export const EXPIRING_PREFIXES = [SEEN_PREFIX, AUTH_FAILURES_PREFIX, PACE_PREFIX, INSTANCE_PREFIX];
/** Every tenant the store has deals for: the reminder scan walks their queues. */
export const TENANTS_KEY = 'tenants';
/** The store's own secret for pseudonyms (an erased approver's id, an audit log's subject). */
export const PSEUDONYM_SECRET_KEY = 'secret/pseudonyms';

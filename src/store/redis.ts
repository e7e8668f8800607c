import KeyvRedis, { createClient } from '@keyv/redis';
import { Keyv } from 'keyv';
import type { Documents } from './documents.js';
import { DEFAULT_STORE_TIMEOUT_MS, KeyvDocuments } from './keyv-documents.js';
import type { StoreOptions } from './open.js';

// Each conditional write is one Lua script: Redis runs it whole, with no other command in between.
const INSERT_IF_ABSENT = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, data = pcall(cjson.decode, current)
  if not (ok and type(data) == 'table' and type(data.expires) == 'number' and data.expires <= tonumber(ARGV[2])) then
    return 0
  end
end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[1])
end
return 1`;
const COMPARE_AND_SWAP = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[2])
end
return 1`;
const COMPARE_AND_DELETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
return 0`;

/**
 * Redis, for several instances: keyv's adapter for reads and plain writes, Lua scripts for the atomic ones.
 *
 * The client fails commands at once while it is disconnected instead of queueing them (a queued write
 * would land, unasked, whenever Redis came back), reconnects on its own every second at most, and the
 * adapter raises write errors (at maxmemory, say) instead of reporting them as events only. Opening
 * does not wait for Redis: a bot started while it is down answers /readyz 503 until it is back.
 */
export async function openRedis(
  url: string,
  { namespace = 'dealbot', timeoutMs = DEFAULT_STORE_TIMEOUT_MS, log, clock }: StoreOptions,
): Promise<Documents> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: (attempts: number) => Math.min(100 * 2 ** attempts, 1000) },
  });
  let down = false;
  client.on('error', (error: Error) => {
    if (!down) log?.warn({ err: error.message }, 'Redis connection lost; reconnecting');
    down = true;
  });
  client.on('ready', () => {
    if (down) log?.info('Redis connection back');
    down = false;
  });
  // Connecting retries until Redis answers; meanwhile every command fails fast (no offline queue). A start
  // waits for the first connection as long as an operation may wait, so a healthy Redis is ready at once.
  const connected = client.connect().catch(() => {});
  await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  const adapter = new KeyvRedis(client, { throwOnErrors: true, throwOnConnectError: false });
  const keyv = new Keyv({ store: adapter, namespace });
  // The adapter also emits every error as an event: the client's listener above logs the connection's,
  // and throwOnErrors raises each failed command to its caller, so the events carry nothing more.
  adapter.on('error', () => {});
  keyv.on('error', () => {});
  // The adapter puts its own namespace before the key keyv hands it: the scripts must name the same key.
  const redisKey = (rawKey: string) => adapter.createKeyPrefix(rawKey, adapter.namespace);
  const run = async (script: string, rawKey: string, args: string[]) =>
    (await client.eval(script, { keys: [redisKey(rawKey)], arguments: args })) === 1;
  return new KeyvDocuments(
    keyv,
    {
      insertIfAbsent: (rawKey, raw, now, ttlMs) => run(INSERT_IF_ABSENT, rawKey, [raw, String(now), String(Math.ceil(ttlMs ?? 0))]),
      compareAndSwap: (rawKey, expectedRaw, raw, ttlMs) => run(COMPARE_AND_SWAP, rawKey, [expectedRaw, raw, String(Math.ceil(ttlMs ?? 0))]),
      compareAndDelete: (rawKey, expectedRaw) => run(COMPARE_AND_DELETE, rawKey, [expectedRaw]),
      async ping() {
        await client.ping();
      },
      // Redis expires keys itself: every key with a time to live was written with one.
      sweepExpired: async () => 0,
      // SCAN walks the keyspace as it is while it walks (a key changed meanwhile may be read either way).
      async *scanRows(rawPrefix, pageSize) {
        const match = `${redisKey(rawPrefix).replace(/[*?[\]\\]/g, '\\$&')}*`;
        const strip = redisKey('').length;
        let cursor = '0';
        do {
          const reply = await client.scan(cursor, { MATCH: match, COUNT: pageSize });
          cursor = String(reply.cursor);
          if (reply.keys.length === 0) continue;
          const values = await client.mGet(reply.keys);
          const rows = reply.keys.flatMap((key, i) => (values[i] == null ? [] : [{ rawKey: key.slice(strip), raw: String(values[i]) }]));
          if (rows.length > 0) yield rows;
        } while (cursor !== '0');
      },
      async putRow(rawKey, raw, ttlMs) {
        if (ttlMs !== undefined) await client.set(redisKey(rawKey), raw, { PX: Math.max(1, Math.ceil(ttlMs)) });
        else await client.set(redisKey(rawKey), raw);
      },
    },
    clock,
    timeoutMs,
  );
}

import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import type { Documents } from './documents.js';
import { KeyvDocuments } from './keyv-documents.js';

// Each conditional write is one Lua script: Redis runs it whole, with no other command in between.
const INSERT_IF_ABSENT = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, data = pcall(cjson.decode, current)
  if not (ok and type(data) == 'table' and type(data.expires) == 'number' and data.expires <= tonumber(ARGV[2])) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1])
return 1`;
const COMPARE_AND_SWAP = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end
return 0`;
const COMPARE_AND_DELETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
return 0`;

/** Redis, for several instances: keyv's adapter for reads and plain writes, Lua scripts for the atomic ones. */
export async function openRedis(url: string, namespace = 'dealbot'): Promise<Documents> {
  const adapter = new KeyvRedis(url, { throwOnConnectError: true });
  const keyv = new Keyv({ store: adapter, namespace });
  const client = await adapter.getClient();
  // The adapter puts its own namespace before the key keyv hands it: the scripts must name the same key.
  const redisKey = (rawKey: string) => adapter.createKeyPrefix(rawKey, adapter.namespace);
  const run = async (script: string, rawKey: string, args: string[]) =>
    (await client.eval(script, { keys: [redisKey(rawKey)], arguments: args })) === 1;
  return new KeyvDocuments(keyv, {
    insertIfAbsent: (rawKey, raw, now) => run(INSERT_IF_ABSENT, rawKey, [raw, String(now)]),
    compareAndSwap: (rawKey, expectedRaw, raw) => run(COMPARE_AND_SWAP, rawKey, [expectedRaw, raw]),
    compareAndDelete: (rawKey, expectedRaw) => run(COMPARE_AND_DELETE, rawKey, [expectedRaw]),
    async ping() {
      await client.ping();
    },
  });
}

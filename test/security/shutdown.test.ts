import assert from 'node:assert/strict';
import { get, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_KEYS_ENV, KEYS } from '../support/api-client.js';
import { BotProcess } from '../support/bot-process.js';
import { eventually } from '../support/eventually.js';
import { tempStoreUrl } from '../support/temp-store.js';

/** Starts a referral POST whose body arrives in two halves, `pauseMs` apart; resolves to its status. */
function slowReferral(url: string, pauseMs: number): { sentHalf: Promise<void>; status: Promise<number> } {
  const body = JSON.stringify({ referralId: 'slow-1', owner: { aadObjectId: 'owner-1' }, customer: { companyName: 'Draining AB' } });
  let sentHalf!: () => void;
  const half = new Promise<void>((resolve) => (sentHalf = resolve));
  const status = new Promise<number>((resolve, reject) => {
    const req = request(`${url}/api/v1/referrals`, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Bearer ${KEYS.integration}`,
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.write(body.slice(0, 20));
    sentHalf();
    setTimeout(() => req.end(body.slice(20)), pauseMs);
  });
  return { sentHalf: half, status };
}

const getStatus = (url: string) =>
  new Promise<{ status: number; retryAfter?: string }>((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] });
    }).on('error', reject);
  });

describe('SIGTERM', () => {
  it('lets a request in flight finish, answers new ones 503 with Retry-After meanwhile, then exits 0', async () => {
    const bot = await new BotProcess({ STORE_URL: tempStoreUrl(), API_KEYS: API_KEYS_ENV }).start();
    // The body's second half comes 6 s later: long enough that, however busy the machine, the bot has the
    // request (1 s after its first half) and is draining (polled) while it is still in flight.
    const slow = slowReferral(bot.url, 6000);
    await slow.sentHalf;
    await sleep(1000);
    const exited = bot.signal('SIGTERM');
    const during = await eventually(
      async () => {
        const answer = await getStatus(`${bot.url}/readyz`);
        return answer.status === 503 && answer;
      },
      5000,
      'draining',
    );
    assert.equal(during.status, 503, 'a new request while draining');
    assert.ok(Number(during.retryAfter) > 0);
    assert.ok([200, 201].includes(await slow.status), 'the request in flight was served in full');
    assert.equal(await exited, 0);
  });

  it('closes the listener after DRAIN_TIMEOUT even if a request never finishes', async () => {
    const bot = await new BotProcess({ STORE_URL: tempStoreUrl(), API_KEYS: API_KEYS_ENV, DRAIN_TIMEOUT: 'PT1S' }).start();
    const stuck = slowReferral(bot.url, 60_000);
    stuck.status.catch(() => {});
    await stuck.sentHalf;
    await sleep(1000);
    const started = Date.now();
    assert.equal(await bot.signal('SIGTERM'), 0);
    // Liveness, not speed: it stops about a second after SIGTERM; the stuck request alone would hold it a minute.
    assert.ok(Date.now() - started < 20_000, `stopped in ${Date.now() - started} ms`);
  });
});

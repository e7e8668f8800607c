import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { API_KEYS_ENV, KEYS } from '../support/api-client.js';
import { BotProcess } from '../support/bot-process.js';
import { eventually } from '../support/eventually.js';
import { tempStoreUrl } from '../support/temp-store.js';
import { SigningAuthority } from './signing-authority.js';

const ACTIVITY = JSON.stringify({ type: 'message', text: 'help' });
const ENCODERS: Record<string, (b: Buffer) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
const POST_ROUTES = ['/api/messages', '/api/v1/referrals', '/api/v1/deals/some-deal/approve'];

/** A GET on a connection of its own: fetch would reuse one from its pool, which the server already took. */
function getOnNewConnection(url: string): Promise<{ status: number; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] });
    }).on('error', reject);
  });
}

const residentKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

/**
 * The production server, as its own process, against what an attacker would send without any
 * credentials: bodies that lie about their encoding, bombs, uploads, slow and many connections. After
 * each, the process must still answer, and nothing may have reached its last-line exception handler.
 */
describe('hostile HTTP against the production server', () => {
  const authority = new SigningAuthority();
  const uploads = mkdtempSync(join(tmpdir(), 'dealbot-uploads-'));
  let bot: BotProcess;
  before(async () => {
    await authority.start();
    bot = await new BotProcess({
      NODE_ENV: 'production',
      MicrosoftAppId: '6d0c5a9e-1f3b-4e27-9c8a-3b5d7e1f2a40',
      MicrosoftAppPassword: 'not-used-by-these-tests',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant-contoso',
      ToBotFromChannelOpenIdMetadataUrl: authority.metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: authority.metadataUrl,
      STORE_URL: tempStoreUrl(),
      API_KEYS: API_KEYS_ENV,
      MAX_BODY_BYTES: '65536',
      HTTP_HEADERS_TIMEOUT: 'PT1S',
      HTTP_MAX_CONNECTIONS: '40',
      TMPDIR: uploads,
    }).start();
  });
  after(async () => {
    await bot.signal('SIGTERM');
    await authority.stop();
  });
  afterEach(async () => {
    const health = await fetch(`${bot.url}/healthz`);
    assert.equal(health.status, 200, 'the process still answers');
    const lastLine = bot.output.filter((line) => line.includes('"lastLine"'));
    assert.deepEqual(lastLine, [], 'nothing reached the last-line handler');
  });

  const post = (path: string, body: Buffer | string, headers: Record<string, string>) =>
    fetch(`${bot.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body as BodyInit });

  it('answers 400 problem+json to a body that is not what its Content-Encoding says, on every route', async () => {
    for (const path of POST_ROUTES) {
      for (const encoding of Object.keys(ENCODERS)) {
        const res = await post(path, ACTIVITY, { 'content-encoding': encoding });
        assert.equal(res.status, 400, `${path} ${encoding}`);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        assert.doesNotMatch(await res.text(), /incorrect header|Z_DATA|at \w+ \(/, 'no internal text');
      }
    }
  });

  it('answers 400 to an encoded body cut short, and 415 naming what it takes to an encoding it does not know', async () => {
    for (const [encoding, encode] of Object.entries(ENCODERS)) {
      const whole = encode(Buffer.from(ACTIVITY));
      const res = await post('/api/messages', whole.subarray(0, whole.length - 4), { 'content-encoding': encoding });
      assert.equal(res.status, 400, encoding);
    }
    for (const encoding of ['compress', 'x-gzip', 'gzip, gzip', 'rot13']) {
      const res = await post('/api/v1/referrals', ACTIVITY, { 'content-encoding': encoding });
      assert.equal(res.status, 415, encoding);
      assert.equal(res.headers.get('accept-encoding'), 'gzip, deflate, br');
    }
  });

  it('stops a gzip bomb at the cap while it streams: 413, and memory stays flat', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, ' '));
    assert.ok(bomb.length < 300 * 1024, 'a small body on the wire');
    await post('/api/messages', bomb, { 'content-encoding': 'gzip' }); // warm-up: code paths and buffers loaded once
    const before = residentKb(bot.pid!);
    for (const path of POST_ROUTES) {
      const res = await post(path, bomb, { 'content-encoding': 'gzip' });
      assert.equal(res.status, 413, path);
      assert.equal((await res.json()).type.endsWith('too-large'), true);
    }
    const grownMb = (residentKb(bot.pid!) - before) / 1024;
    assert.ok(grownMb < 8, `the process grew by ${grownMb.toFixed(1)} MB`);
  });

  it('refuses multipart and form bodies with 415 before reading them: nothing is written to disk', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(5 * 1024 * 1024, 'x')]), 'big.bin');
    // The API answers who may call it first (401 without a key), then what it takes (415).
    const keyOf: Record<string, string | undefined> = {
      '/api/v1/referrals': KEYS.integration,
      '/api/v1/deals/some-deal/approve': KEYS.reviewer,
    };
    for (const path of POST_ROUTES) {
      const key = keyOf[path];
      const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
      const multipart = await fetch(`${bot.url}${path}`, { method: 'POST', body: form, headers });
      assert.equal(multipart.status, 415, path);
      const urlencoded = await fetch(`${bot.url}${path}`, {
        method: 'POST',
        body: new URLSearchParams({ a: 'x'.repeat(100_000) }),
        headers,
      });
      assert.equal(urlencoded.status, 415, path);
      if (key) assert.equal((await fetch(`${bot.url}${path}`, { method: 'POST', body: form })).status, 401, `${path} without a key`);
    }
    // tsx (the test runner's loader) keeps its cache there; nothing else may appear.
    assert.deepEqual(
      readdirSync(uploads).filter((name) => !name.startsWith('tsx-')),
      [],
      'no upload files left',
    );
  });

  it('accepts a gzip JSON body that is within the cap', async () => {
    const res = await post('/api/v1/referrals', gzipSync(Buffer.from('{"referralId":"r-1"}')), { 'content-encoding': 'gzip' });
    assert.equal(res.status, 401, 'read, then refused for want of a key');
  });

  it('closes connections that never finish their headers, and refuses connections past the cap with a clear 503', async () => {
    const sockets: Socket[] = [];
    const closed: Promise<void>[] = [];
    for (let i = 0; i < 60; i++) {
      const socket = connect(Number(new URL(bot.url).port), '127.0.0.1');
      socket.on('error', () => {});
      let answer = '';
      socket.on('data', (d) => (answer += d));
      closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
      socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\n');
      sockets.push(Object.assign(socket, { answer: () => answer }));
    }
    // Once the server has taken all 60 (on a busy machine that takes a moment), one more is refused.
    const refused = await eventually(
      async () => {
        const answer = await getOnNewConnection(`${bot.url}/healthz`);
        return answer.status === 503 && answer;
      },
      60_000,
      'a connection past the cap refused',
    );
    assert.equal(refused.status, 503, 'past the cap: refused, with a reason');
    assert.equal(refused.retryAfter, '1');
    const startedAt = Date.now();
    await Promise.all(closed);
    // Liveness, not speed: the deadline closes them in about a second; without it they would stay open a minute.
    assert.ok(Date.now() - startedAt < 20_000, 'every slow connection was closed by the header deadline');
    const answers = sockets.map((s) => (s as Socket & { answer: () => string }).answer());
    assert.ok(answers.filter((a) => a.startsWith('HTTP/1.1 503')).length >= 20, 'those past the cap were told why');
    await eventually(async () => (await getOnNewConnection(`${bot.url}/healthz`)).status === 200, 60_000, 'served again');
  });
});

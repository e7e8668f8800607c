import assert from 'node:assert/strict';
import { conversationRefKey } from '../../src/store/keys.js';
import { executeActivity, messageActivity, speaker } from '../support/activities.js';
import { validAnswers } from '../support/answers.js';
import { API_KEYS_ENV, ApiClient, KEYS } from '../support/api-client.js';
import { BotUnderTest, postActivity } from '../support/bot-under-test.js';
import { allText } from '../support/cards.js';
import { eventually } from '../support/eventually.js';
import { registerDeal } from '../support/register-deal.js';
import { SellerClient } from '../support/seller-client.js';
import { tempStoreUrl } from '../support/temp-store.js';

describe('ALLOWED_TENANTS', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest({ ALLOWED_TENANTS: 'tenant-contoso, tenant-northwind' }).start();
  });
  after(async () => bot.stop());

  it('serves the listed tenants', async () => {
    const card = await new SellerClient(bot, { tenantId: 'tenant-northwind' }).say('help');
    assert.ok(card);
  });

  it('refuses any other tenant’s messages and card actions, writes nothing, and logs the refusal', async () => {
    const who = speaker({ tenantId: 'tenant-fabrikam' });
    const message = await postActivity(bot.url, messageActivity(who, bot.connector.url, 'register a deal'));
    const action = await postActivity(bot.url, executeActivity(who, bot.connector.url, 'wizard.start', {}));
    assert.equal(action.status, 403);
    assert.ok(message.status < 300);
    assert.equal(bot.connector.sent(who.conversationId).length, 0, 'no answer');
    assert.equal(await bot.bot.store.read(conversationRefKey('tenant-fabrikam', who.aadObjectId)), undefined);
    assert.ok(bot.logs.lines.some((l) => l.includes('tenant not in ALLOWED_TENANTS') && l.includes('tenant-fabrikam')));
  });
});

describe('repeated bad API keys from one address', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV, TRUST_PROXY: 'loopback' }).start();
  });
  after(async () => bot.stop());
  const fromClient = (address: string) => ({ 'x-forwarded-for': address });

  it('get 429 with Retry-After for a while and say why, while a valid key from the same address still works', async () => {
    const api = new ApiClient(bot.url, 'not-a-key');
    const client = fromClient('198.51.100.7');
    for (let i = 0; i < 10; i++) assert.equal((await api.request('GET', '/api/v1/deals?status=in_review', undefined, client)).status, 401);
    const locked = await api.request('GET', '/api/v1/deals?status=in_review', undefined, client);
    assert.equal(locked.status, 429);
    assert.equal(locked.body.type.endsWith('too-many-failures'), true);
    assert.ok(Number(locked.headers.get('retry-after')) > 200, 'minutes, not seconds');
    assert.equal(
      (await api.as(undefined).request('GET', '/api/v1/deals?status=in_review', undefined, client)).status,
      429,
      'no key at all',
    );
    const valid = await api.as(KEYS.reviewer).request('GET', '/api/v1/deals?status=in_review', undefined, client);
    assert.equal(valid.status, 200, 'a valid key is never locked out');
    assert.ok(bot.logs.lines.some((l) => l.includes('API request refused: no valid key')));
  });

  it('counts each client behind a trusted proxy on its own', async () => {
    const api = new ApiClient(bot.url, 'not-a-key');
    for (let i = 0; i < 10; i++) await api.request('GET', '/api/v1/solutions', undefined, fromClient('203.0.113.1'));
    assert.equal((await api.request('GET', '/api/v1/solutions', undefined, fromClient('203.0.113.1'))).status, 429);
    assert.equal(
      (await api.request('GET', '/api/v1/solutions', undefined, fromClient('203.0.113.2'))).status,
      401,
      'another client behind the proxy',
    );
  });
});

describe('X-Forwarded-For from a peer that is not a trusted proxy', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV }).start();
  });
  after(async () => bot.stop());

  it('is ignored: a guesser cannot spread its failures over made-up addresses', async () => {
    const api = new ApiClient(bot.url, 'not-a-key');
    for (let i = 0; i < 10; i++) await api.request('GET', '/api/v1/solutions', undefined, { 'x-forwarded-for': `192.0.2.${i}` });
    assert.equal((await api.request('GET', '/api/v1/solutions', undefined, { 'x-forwarded-for': '192.0.2.200' })).status, 429);
  });
});

describe('failed keys counted by two instances on one store', () => {
  const bots: BotUnderTest[] = [];
  before(async () => {
    const STORE_URL = tempStoreUrl();
    for (let i = 0; i < 2; i++) bots.push(await new BotUnderTest({ API_KEYS: API_KEYS_ENV, STORE_URL }).start());
  });
  after(async () => Promise.all(bots.map((b) => b.stop())));

  it('add up: five failures on each lock the address out on both', async () => {
    for (let i = 0; i < 10; i++)
      assert.equal((await new ApiClient(bots[i % 2]!.url, 'not-a-key').request('GET', '/api/v1/solutions')).status, 401);
    for (const bot of bots) assert.equal((await new ApiClient(bot.url, 'not-a-key').request('GET', '/api/v1/solutions')).status, 429);
  });
});

describe('bodies that are not activities', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest({ MAX_BODY_BYTES: '4096' }).start();
  });
  after(async () => bot.stop());

  const post = (body: string, type = 'application/json') =>
    fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': type }, body });

  it('answers 400 to a body that is not JSON, and 413 to one over the limit, without a stack trace', async () => {
    for (const [body, status] of [
      ['{"type": "message", ', 400],
      ['not json at all', 400],
      [`{"text":"${'x'.repeat(5000)}"}`, 413],
    ] as const) {
      const res = await post(body);
      assert.equal(res.status, status, body.slice(0, 30));
      assert.doesNotMatch(await res.text(), /\bat \w+ \(|node_modules|\.ts:\d+/);
    }
  });
});

describe('what the logs keep at info level', () => {
  const SECRET_PASSWORD = 'app-secret-9f2b-never-in-logs';
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest({
      API_KEYS: API_KEYS_ENV,
      LOG_LEVEL: 'info',
      MicrosoftAppPassword: SECRET_PASSWORD,
      OUTBOX_POLL: 'PT0.05S',
    }).start();
  });
  after(async () => bot.stop());

  it('holds no app password, API key, email or phone number after a whole scenario', async () => {
    const seller = new SellerClient(bot, { tenantId: 'tenant-contoso' });
    await seller.install();
    const card = await registerDeal(seller);
    assert.match(allText(card), /Deal registered/);
    const api = new ApiClient(bot.url, KEYS.reviewer);
    const [deal] = (await api.request('GET', '/api/v1/deals?status=in_review')).body.deals;
    const decided = await api.request(
      'POST',
      `/api/v1/deals/${deal.id}/request-update`,
      { comment: 'Call Anna at +46 8 123 456 78' },
      { 'if-match': '*' },
    );
    assert.equal(decided.status, 200);
    await api.as('wrong-key-0123456789').request('GET', '/api/v1/deals?status=in_review');
    await eventually(() => seller.notifications().length > 0, 60_000, 'the owner is notified');
    const logs = bot.logs.lines.join('\n');
    assert.ok(logs.length > 1000, 'the scenario was logged');
    for (const secret of [SECRET_PASSWORD, KEYS.reviewer, 'wrong-key-0123456789', validAnswers().contact!.email!]) {
      assert.equal(logs.includes(secret), false, `the logs hold ${secret}`);
    }
    // The contact's number in any of its spellings; not "46 and eight digits", which a timestamp can hold.
    assert.doesNotMatch(logs, /\+?46[\s-]?8[\s-]?123[\s-]?456[\s-]?78/, 'no phone number');
    assert.doesNotMatch(logs, /[\w.+-]+@[\w-]+\.[\w.]+/, 'no email address');
  });
});

describe('the HTML pages the bot serves', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest({}).start();
  });
  after(async () => bot.stop());

  it('load, run and frame nothing, and are read as HTML alone', async () => {
    for (const path of ['/privacy', '/terms', '/deals/D-1A2B3C4D', '/deals/not-a-deal']) {
      const res = await fetch(`${bot.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
    }
  });
});

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, parseConfig } from '../../src/config.js';
import { conversationRefKey } from '../../src/store/keys.js';
import { messageActivity, speaker } from '../support/activities.js';
import { BotProcess } from '../support/bot-process.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { SigningAuthority } from './signing-authority.js';

const APP_ID = '6d0c5a9e-1f3b-4e27-9c8a-3b5d7e1f2a40';
const APP_PASSWORD = 'app-password-that-must-never-be-logged';
const TENANT = 'tenant-contoso';

describe('Bot Framework authentication on /api/messages', () => {
  const authority = new SigningAuthority();
  let bot: BotUnderTest;
  before(async () => {
    await authority.start();
    bot = await new BotUnderTest({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: APP_PASSWORD,
      MicrosoftAppTenantId: TENANT,
      ToBotFromChannelOpenIdMetadataUrl: authority.metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: authority.metadataUrl,
    }).start();
  });
  after(async () => {
    await bot.stop();
    await authority.stop();
  });

  /** Posts a message from a new user with this Authorization header; says whether the turn ran. */
  async function send(authorization: string | undefined, serviceUrl = bot.connector.url) {
    const who = speaker({ tenantId: TENANT });
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(messageActivity(who, serviceUrl, 'help')),
    });
    const ref = await bot.bot.store.read(conversationRefKey(TENANT, who.aadObjectId));
    return { status: res.status, turnRan: ref !== undefined, body: await res.text() };
  }
  const bearer = (token: string) => `Bearer ${token}`;

  it('runs the turn for a token Bot Framework signed for this bot', async () => {
    const token = await authority.token({ aud: APP_ID, serviceurl: bot.connector.url });
    const { status, turnRan } = await send(bearer(token));
    assert.ok(status < 400, `status ${status}`);
    assert.equal(turnRan, true);
  });

  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const refused: [string, () => Promise<string | undefined>][] = [
    ['no Authorization header', async () => undefined],
    [
      'a token that has expired',
      async () => bearer(await authority.token({ aud: APP_ID, serviceurl: bot.connector.url }, { expiresInSeconds: -600 })),
    ],
    [
      'a token for another bot (audience)',
      async () => bearer(await authority.token({ aud: 'another-bot', serviceurl: bot.connector.url })),
    ],
    [
      'a token from another issuer',
      async () => bearer(await authority.token({ aud: APP_ID, serviceurl: bot.connector.url, iss: 'https://evil.example' })),
    ],
    ['an unsigned token (alg none)', async () => bearer(authority.unsigned({ aud: APP_ID, serviceurl: bot.connector.url }))],
    [
      'a token signed with another key',
      async () => bearer(await authority.token({ aud: APP_ID, serviceurl: bot.connector.url }, { key: otherKey })),
    ],
    [
      'a token whose serviceUrl is not the activity’s',
      async () => bearer(await authority.token({ aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/evil/' })),
    ],
    ['a Basic header', async () => `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['garbage', async () => 'Bearer not.a.jwt'],
  ];
  for (const [what, header] of refused) {
    it(`answers 401 to ${what}, runs no turn and writes nothing`, async () => {
      const sentBefore = bot.connector.calls.length;
      const { status, turnRan } = await send(await header());
      assert.equal(status, 401);
      assert.equal(turnRan, false);
      assert.equal(bot.connector.calls.length, sentBefore, 'nothing sent to Teams');
    });
  }

  it('never logs the app password', () => {
    assert.ok(bot.logs.lines.length > 0);
    assert.equal(bot.logs.lines.filter((l) => l.includes(APP_PASSWORD)).length, 0);
  });
});

describe('Bot Framework’s signing keys out of reach', () => {
  const authority = new SigningAuthority();
  let bot: BotUnderTest;
  before(async () => {
    await authority.start();
    // Nothing listens on port 9 of loopback: every fetch of the metadata fails at once.
    const unreachable = 'http://127.0.0.1:9/.well-known/openid-configuration';
    bot = await new BotUnderTest({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: APP_PASSWORD,
      MicrosoftAppTenantId: TENANT,
      ToBotFromChannelOpenIdMetadataUrl: unreachable,
      ToBotFromEmulatorOpenIdMetadataUrl: unreachable,
    }).start();
  });
  after(async () => {
    await bot.stop();
    await authority.stop();
  });

  it('answers 503 with Retry-After and no internal text, so Teams tries again, and logs what failed', async () => {
    const token = await authority.token({ aud: APP_ID, serviceurl: bot.connector.url });
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(messageActivity(speaker({ tenantId: TENANT }), bot.connector.url, 'help')),
    });
    assert.equal(res.status, 503);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    const body = await res.text();
    assert.doesNotMatch(body, /127\.0\.0\.1|ECONNREFUSED|request to|fetch/i);
    assert.ok(bot.logs.lines.some((l) => l.includes('signing keys could not be fetched') && l.includes('ECONNREFUSED')));
    assert.equal(bot.connector.calls.length, 0, 'no turn ran');
  });
});

describe('a production start', () => {
  it('refuses to start without an app id, which would let anyone in unsigned', async () => {
    assert.throws(
      () => parseConfig({ NODE_ENV: 'production' }),
      (e: Error) => e instanceof ConfigError && /MicrosoftAppId: is required when NODE_ENV is production/.test(e.message),
    );
    const started = await new BotProcess({ NODE_ENV: 'production', MicrosoftAppId: '', STORE_URL: 'sqlite:///tmp/never-created.sqlite' })
      .start()
      .then(
        () => 'started',
        (error: Error) => error.message,
      );
    assert.match(started, /bot exited 1/);
    assert.match(started, /MicrosoftAppId: is required when NODE_ENV is production/);
  });

  it('starts as a user-assigned managed identity, and warns when started as a multi-tenant bot', async () => {
    for (const [env, warned] of [
      [{ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT }, false],
      [{ MicrosoftAppType: 'MultiTenant', MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD }, true],
    ] as const) {
      const bot = await new BotUnderTest(env).start();
      try {
        assert.equal((await fetch(`${bot.url}/readyz`)).status, 200);
        const warning = bot.logs.lines.some((l) => l.includes('Azure Bot Service has created no new multi-tenant bots since 31 July 2025'));
        assert.equal(warning, warned, env.MicrosoftAppType);
      } finally {
        await bot.stop();
      }
    }
  });

  it('accepts a single-tenant bot with its tenant id', () => {
    const config = parseConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'p',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
    });
    assert.equal(config.botFramework.MicrosoftAppType, 'SingleTenant');
  });
});

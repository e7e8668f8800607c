import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { DealRepository } from '../../src/store/deal-repository.js';
import { API_KEYS_ENV, KEYS } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { registerDeal } from '../support/register-deal.js';
import { SellerClient } from '../support/seller-client.js';

const root = new URL('../../', import.meta.url);
const DOCS = [
  'README.md',
  ...readdirSync(new URL('docs/', root))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const PLAYGROUND_TENANT = '00000000-0000-0000-0000-0000000000001';

/** Every curl command in the docs' shell blocks, as printed (continued lines joined). */
function curlLines(): { file: string; line: string }[] {
  return DOCS.flatMap((file) => {
    const text = readFileSync(new URL(file, root), 'utf8');
    const blocks = [...text.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/\\\n\s*/g, ' '));
    return blocks.flatMap((b) =>
      b
        .split('\n')
        .filter((l) => /^\s*curl\s/.test(l))
        .map((line) => ({ file, line: line.trim() })),
    );
  });
}

/** A shell line's words, as sh reads them: single quotes kept literally, double quotes expanding $VARS. */
function words(line: string, env: Record<string, string>): string[] {
  const out: string[] = [];
  let word: string | undefined;
  const expand = (s: string) => s.replace(/\$\{?(\w+)\}?/g, (_, name: string) => env[name] ?? assert.fail(`$${name} is not set`));
  for (const m of line.matchAll(/'([^']*)'|"((?:\\.|[^"\\])*)"|(\s+)|([^\s'"]+)/g)) {
    if (m[3] !== undefined) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? '') + (m[1] ?? expand(m[2] ?? m[4] ?? ''));
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** The request a curl command makes (the options the docs use: -X, -H, -d and the URL). */
function request(argv: string[], base: string): { url: string; init: RequestInit } {
  const headers: Record<string, string> = {};
  let method: string | undefined;
  let body: string | undefined;
  let url = '';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-X' || a === '--request') method = argv[++i];
    else if (a === '-H' || a === '--header') {
      const [name, ...rest] = argv[++i]!.split(':');
      headers[name!.trim().toLowerCase()] = rest.join(':').trim();
    } else if (a === '-d' || a === '--data' || a === '--data-raw') body = argv[++i];
    else if (a.startsWith('-')) assert.fail(`curl option ${a} is not one this test reads: teach it`);
    else url = a;
  }
  return { url: url.replace(/^https?:\/\/localhost:3978/, base), init: { method: method ?? (body ? 'POST' : 'GET'), headers, body } };
}

describe('the docs’ curl commands, run as printed', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV.replaceAll('tenant-contoso', PLAYGROUND_TENANT) }).start();
  });
  after(async () => bot.stop());

  it('finds the examples: a referral, the queue, a decision and a routing rule', () => {
    const lines = curlLines().map((c) => c.line);
    for (const path of ['/api/v1/referrals', '/api/v1/deals?status=in_review', '/approve', '/api/v1/routing']) {
      assert.ok(
        lines.some((l) => l.includes(path)),
        path,
      );
    }
  });

  it('each answers 2xx in the playground’s tenant, with the keys the docs name', async () => {
    const seller = new SellerClient(bot, { tenantId: PLAYGROUND_TENANT });
    await registerDeal(seller);
    const [deal] = await new DealRepository(bot.bot.store).listByOwner(PLAYGROUND_TENANT, seller.who.aadObjectId, 'in_review', 1);
    const env = { INTEGRATION_KEY: KEYS.integration, REVIEWER_KEY: KEYS.reviewer, DEAL_ID: deal!.id };
    for (const { file, line } of curlLines()) {
      const { url, init } = request(words(line, env), bot.url);
      const res = await fetch(url, init);
      assert.ok(res.ok, `${file}: ${line}\n→ ${res.status} ${await res.text()}`);
    }
  });
});

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DealRepository } from '../../src/store/deal-repository.js';
import { finishTransfer, markTransfer } from '../../src/store/transfer.js';
import { API_KEYS_ENV, ApiClient, KEYS } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { allText } from '../support/cards.js';
import { seed } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';
import { tempStoreUrl } from '../support/temp-store.js';

const TENANT = 'tenant-contoso';

describe('an SQLite file whose folder is deleted under the running bot', () => {
  const STORE_URL = tempStoreUrl();
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest({ STORE_URL, API_KEYS: API_KEYS_ENV }).start();
  });
  after(async () => bot.stop());

  it('is noticed: /readyz 503, writes refused with a clear answer, never acknowledged as saved', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT });
    await seller.install();
    const deal = await seed(new DealRepository(bot.bot.store), {
      tenantId: TENANT,
      ownerId: seller.who.aadObjectId,
      status: 'in_review',
      companyName: 'Vanishing AB',
      minutesAgo: 1,
    });
    assert.equal((await fetch(`${bot.url}/readyz`)).status, 200);

    rmSync(dirname(STORE_URL.replace('sqlite://', '')), { recursive: true, force: true });

    assert.equal((await fetch(`${bot.url}/readyz`)).status, 503);
    const api = new ApiClient(bot.url, KEYS.reviewer);
    const approve = await api.request('POST', `/api/v1/deals/${deal.id}/approve`, {}, { 'if-match': '*' });
    assert.equal(approve.status, 503);
    assert.ok(Number(approve.headers.get('retry-after')) > 0);
    const referral = await api
      .as(KEYS.integration)
      .request('POST', '/api/v1/referrals', { referralId: 'r-gone', owner: { aadObjectId: 'o-1' } });
    assert.equal(referral.status, 503);
    const card = await seller.say('register a deal');
    assert.match(allText(card), /can't reach my database.*nothing was saved/);
  });
});

describe('a store half-written by a copy or restore', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest({}).start();
  });
  after(async () => bot.stop());

  it('is not served as ready until the transfer is finished, and the log says why', async () => {
    assert.equal((await fetch(`${bot.url}/readyz`)).status, 200);
    await markTransfer(bot.bot.store, 'backup nightly.jsonl.gz (sha256 0123456789abcdef)');
    const res = await fetch(`${bot.url}/readyz`);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { status: 'not ready', store: 'unfinished copy or restore' });
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    assert.ok(
      bot.logs.lines.some((l) => /unfinished copy or restore/.test(l)),
      'logged',
    );
    await finishTransfer(bot.bot.store);
    assert.equal((await fetch(`${bot.url}/readyz`)).status, 200);
  });
});

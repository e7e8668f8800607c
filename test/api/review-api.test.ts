import assert from 'node:assert/strict';
import { dealRef } from '../../src/domain/deal-ref.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { API_KEYS_ENV, ApiClient, KEYS } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { inputs } from '../support/cards.js';
import { seed } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';
const PROBLEM = 'application/problem+json';

describe('the review API under /api/v1', () => {
  let bot: BotUnderTest;
  let repo: DealRepository;
  let api: ApiClient;
  before(async () => {
    bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV, MAX_BODY_BYTES: '4096' }).start();
    repo = new DealRepository(bot.bot.store);
    api = new ApiClient(bot.url, KEYS.reviewer);
  });
  after(async () => bot.stop());

  const inReview = (companyName = 'Fabrikam', ownerId = 'seller-1', minutesAgo = 5) =>
    seed(repo, { tenantId: TENANT, ownerId, status: 'in_review', companyName, minutesAgo });

  it('publishes an OpenAPI 3.1 document with every route', async () => {
    const res = await fetch(`${bot.url}/api/v1/openapi.json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/api/v1/deals',
      '/api/v1/deals/export',
      '/api/v1/deals/{id}',
      '/api/v1/deals/{id}/approve',
      '/api/v1/deals/{id}/decline',
      '/api/v1/deals/{id}/request-update',
      '/api/v1/people/{person}/data',
      '/api/v1/people/{person}/erase',
      '/api/v1/referrals',
      '/api/v1/routing',
      '/api/v1/solutions',
      '/api/v1/stats',
    ]);
  });

  describe('credentials', () => {
    it('401 without a key, or with a wrong one, and says how to send one', async () => {
      for (const key of [undefined, 'not-a-key', `${KEYS.reviewer}x`]) {
        const res = await api.as(key).request('GET', '/api/v1/deals');
        assert.equal(res.status, 401);
        assert.equal(res.headers.get('content-type'), PROBLEM);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer');
      }
    });

    it('403 for a key of the wrong role', async () => {
      const res = await api.as(KEYS.integration).request('GET', '/api/v1/deals');
      assert.equal(res.status, 403);
      assert.match(res.body.detail, /needs a reviewer key/);
      const reverse = await api.request('POST', '/api/v1/referrals', { referralId: 'r', owner: { aadObjectId: 'x' } });
      assert.equal(reverse.status, 403);
    });

    it('404 for another tenant’s deal, and its queue shows none of ours', async () => {
      const deal = await inReview();
      const other = api.as(KEYS.otherTenant);
      assert.equal((await other.request('GET', `/api/v1/deals/${deal.id}`)).status, 404);
      const decided = await other.request('POST', `/api/v1/deals/${deal.id}/approve`, {}, { 'if-match': `"${deal.version}"` });
      assert.equal(decided.status, 404);
      assert.deepEqual((await other.request('GET', '/api/v1/deals')).body.deals, []);
      assert.equal((await repo.get(TENANT, deal.id))?.status, 'in_review');
    });

    it('accepts both keys of a tenant while one is being rotated', async () => {
      for (const key of [KEYS.reviewer, KEYS.reviewerNext]) assert.equal((await api.as(key).request('GET', '/api/v1/deals')).status, 200);
    });
  });

  describe('the queue and one deal', () => {
    it('pages the tenant’s deals in review with a cursor, newest change first', async () => {
      const client = api.as(KEYS.reviewer);
      const ids = new Set<string>();
      for (let i = 0; i < 7; i++) ids.add((await inReview(`Queue ${i}`, `seller-q${i}`, 100 + i)).id);
      const seen: { id: string; updatedAt: string }[] = [];
      let next: string | undefined;
      do {
        const res = await client.request('GET', `/api/v1/deals?status=in_review&limit=3${next ? `&cursor=${next}` : ''}`);
        assert.equal(res.status, 200);
        assert.ok(res.body.deals.length <= 3);
        seen.push(...res.body.deals);
        next = res.body.next;
      } while (next);
      assert.equal(new Set(seen.map((d) => d.id)).size, seen.length, 'no deal twice');
      for (const id of ids)
        assert.ok(
          seen.some((d) => d.id === id),
          'every deal in review is in the queue',
        );
      const times = seen.map((d) => d.updatedAt);
      assert.deepEqual(times, [...times].sort().reverse(), 'newest change first');
    });

    it('pages deals that sellers keep editing without repeats or gaps: the queue keeps when each entered its status', async () => {
      const client = api.as(KEYS.reviewer);
      const deals = [];
      for (let i = 0; i < 7; i++) {
        deals.push(
          await seed(repo, {
            tenantId: TENANT,
            ownerId: `editor-${i}`,
            status: 'update_required',
            companyName: `Edited ${i}`,
            minutesAgo: 50 - i,
          }),
        );
      }
      // The sellers work on the oldest ones: their last change is now newer than every other deal's.
      for (const deal of deals.slice(0, 3)) {
        await repo.update(TENANT, deal.id, (d) => ({
          deal: { ...d, version: d.version + 1, updatedAt: new Date().toISOString() },
          result: null,
        }));
      }
      const seen: string[] = [];
      let next: string | undefined;
      do {
        const res = await client.request('GET', `/api/v1/deals?status=update_required&limit=2${next ? `&cursor=${next}` : ''}`);
        assert.equal(res.status, 200);
        seen.push(...res.body.deals.map((d: { id: string }) => d.id));
        next = res.body.next;
      } while (next);
      assert.deepEqual(seen, deals.map((d) => d.id).reverse(), 'each once, by when it was sent back, newest first');
    });

    it('refuses a bad status or cursor with a problem naming the field', async () => {
      const bad = await api.request('GET', '/api/v1/deals?status=lost');
      assert.equal(bad.status, 400);
      assert.ok(bad.body.errors.status);
      const cursor = await api.request('GET', '/api/v1/deals?cursor=garbage');
      assert.equal(cursor.status, 400);
      assert.ok(cursor.body.errors.cursor);
    });

    it('returns one deal with its history, its version as ETag', async () => {
      const deal = await inReview();
      const res = await api.request('GET', `/api/v1/deals/${deal.id}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('etag'), `"${deal.version}"`);
      assert.equal(res.body.status, 'in_review');
      assert.deepEqual(
        res.body.history.map((h: { to: string }) => h.to),
        ['incomplete', 'in_review'],
      );
      assert.match(res.body.ref, /^D-[0-9A-F]{8}$/);
    });
  });

  describe('decisions', () => {
    it('approves with If-Match, writes the history, and records the owner’s notification', async () => {
      const deal = await inReview();
      const res = await api.request(
        'POST',
        `/api/v1/deals/${deal.id}/approve`,
        { comment: 'Looks good' },
        { 'if-match': `"${deal.version}"` },
      );
      assert.equal(res.status, 200);
      assert.equal(res.body.status, 'approved');
      assert.equal(res.headers.get('etag'), `"${deal.version + 1}"`);
      const stored = (await repo.get(TENANT, deal.id))!;
      assert.deepEqual(
        [stored.history.at(-1)!.from, stored.history.at(-1)!.to, stored.history.at(-1)!.comment],
        ['in_review', 'approved', 'Looks good'],
      );
      const toOwner = stored.outbox.filter((e) => e.audience === 'owner');
      assert.equal(toOwner.length, 1, 'the notification was written with the change');
      assert.equal(toOwner[0]!.to, 'approved');
      assert.equal(stored.outbox.filter((e) => e.audience === 'desk').length, 1, 'and the review card’s update');
    });

    it('declines and requests updates only with a comment; an update request carries the fields to fix', async () => {
      const deal = await inReview();
      const ifMatch = { 'if-match': `"${deal.version}"` };
      for (const path of ['decline', 'request-update']) {
        const res = await api.request('POST', `/api/v1/deals/${deal.id}/${path}`, {}, ifMatch);
        assert.equal(res.status, 400);
        assert.ok(res.body.errors.comment);
      }
      const res = await api.request(
        'POST',
        `/api/v1/deals/${deal.id}/request-update`,
        { comment: 'Signed date?', fields: ['signedDate', 'email'] },
        ifMatch,
      );
      assert.equal(res.status, 200);
      assert.equal(res.body.status, 'update_required');
      assert.deepEqual(res.body.flagged, ['signedDate', 'email']);
    });

    it('428 without If-Match; 412 with a stale one, changing nothing', async () => {
      const deal = await inReview();
      assert.equal((await api.request('POST', `/api/v1/deals/${deal.id}/approve`, {})).status, 428);
      const stale = await api.request('POST', `/api/v1/deals/${deal.id}/approve`, {}, { 'if-match': `"${deal.version - 1}"` });
      assert.equal(stale.status, 412);
      assert.equal(stale.headers.get('etag'), `"${deal.version}"`);
      assert.equal((await repo.get(TENANT, deal.id))?.status, 'in_review');
    });

    it('takes the reference a card shows (D-8B288A92) wherever it takes an id', async () => {
      const deal = await inReview();
      const ref = dealRef(deal.id);
      const read = await api.request('GET', `/api/v1/deals/${ref}`);
      assert.equal(read.status, 200);
      assert.equal(read.body.id, deal.id);
      assert.equal((await api.request('GET', `/api/v1/deals/${ref.toLowerCase()}`)).body.id, deal.id);
      const approved = await api.request('POST', `/api/v1/deals/${ref}/approve`, {}, { 'if-match': `"${deal.version}"` });
      assert.equal(approved.status, 200);
      assert.equal(approved.body.status, 'approved');
      assert.equal((await api.request('GET', '/api/v1/deals/D-00000000')).status, 404);
      assert.equal((await api.as(KEYS.otherTenant).request('GET', `/api/v1/deals/${ref}`)).status, 404, 'another tenant’s reference');
    });

    it('compares If-Match strongly, as RFC 9110 says: a weak or differently spelled tag fails, a list or * works', async () => {
      const deal = await inReview();
      const approve = (ifMatch: string) => api.request('POST', `/api/v1/deals/${deal.id}/approve`, {}, { 'if-match': ifMatch });
      for (const mismatch of [`W/"${deal.version}"`, `"0${deal.version}"`, '"abc"', `W/"${deal.version}", "${deal.version + 7}"`]) {
        assert.equal((await approve(mismatch)).status, 412, mismatch);
      }
      for (const malformed of [String(deal.version), `"${deal.version}`, 'W/', ', ,']) {
        assert.equal((await approve(malformed)).status, 400, malformed);
      }
      assert.equal((await repo.get(TENANT, deal.id))?.status, 'in_review', 'nothing changed');
      assert.equal((await approve(`"${deal.version + 3}", "${deal.version}"`)).status, 200, 'a list holding the current version');
      const other = await inReview();
      assert.equal((await api.request('POST', `/api/v1/deals/${other.id}/approve`, {}, { 'if-match': '*' })).status, 200);
    });

    it('two reviewers at once: exactly one decision wins, the other gets 412', async () => {
      for (let round = 0; round < 5; round++) {
        const deal = await inReview();
        const ifMatch = { 'if-match': `"${deal.version}"` };
        const results = await Promise.all([
          api.request('POST', `/api/v1/deals/${deal.id}/approve`, {}, ifMatch),
          api.as(KEYS.reviewerNext).request('POST', `/api/v1/deals/${deal.id}/decline`, { comment: 'No' }, ifMatch),
        ]);
        assert.deepEqual(results.map((r) => r.status).sort(), [200, 412]);
        const stored = (await repo.get(TENANT, deal.id))!;
        assert.equal(stored.history.length, 3, 'one decision in the history');
        assert.equal(stored.outbox.filter((e) => e.audience === 'owner').length, 1, 'one notification');
      }
    });

    it('409 with the current status for a transition the status machine does not allow', async () => {
      const deal = await seed(repo, { tenantId: TENANT, ownerId: 's', status: 'approved', companyName: 'Done', minutesAgo: 1 });
      const res = await api.request('POST', `/api/v1/deals/${deal.id}/decline`, { comment: 'too late' }, { 'if-match': '*' });
      assert.equal(res.status, 409);
      assert.equal(res.body.currentStatus, 'approved');
      const draft = await seed(repo, { tenantId: TENANT, ownerId: 's', status: 'incomplete', companyName: 'Draft', minutesAgo: 1 });
      assert.equal((await api.request('POST', `/api/v1/deals/${draft.id}/approve`, {}, { 'if-match': '*' })).status, 409);
    });
  });

  describe('bodies', () => {
    it('400 for a body that is not JSON, 415 for one that is not declared JSON, 413 for one too large', async () => {
      const deal = await inReview();
      const url = `/api/v1/deals/${deal.id}/approve`;
      const notJson = await api.request('POST', url, '{"comment": ', { 'if-match': '*' });
      assert.equal(notJson.status, 400);
      assert.match(notJson.body.detail, /not valid JSON/);
      const text = await api.request('POST', url, 'approve it', { 'if-match': '*', 'content-type': 'text/plain' });
      assert.equal(text.status, 415);
      const big = await api.request('POST', url, { comment: 'x'.repeat(5000) }, { 'if-match': '*' });
      assert.equal(big.status, 413);
      assert.equal(big.headers.get('content-type'), PROBLEM);
      assert.equal((await repo.get(TENANT, deal.id))?.status, 'in_review');
    });

    it('400 naming each unknown field, and each wrong one', async () => {
      const deal = await inReview();
      const res = await api.request(
        'POST',
        `/api/v1/deals/${deal.id}/request-update`,
        { comment: 'x', fields: ['nope'], reviewer: 'me' },
        { 'if-match': '*' },
      );
      assert.equal(res.status, 400);
      assert.equal(res.body.errors.reviewer, 'unknown field');
      assert.ok(res.body.errors['fields.0']);
    });

    it('404 problem for an unknown endpoint', async () => {
      const res = await fetch(`${bot.url}/api/v1/nothing-here`, { headers: { authorization: `Bearer ${KEYS.reviewer}` } });
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('content-type'), PROBLEM);
    });
  });

  describe('the solution catalogue', () => {
    it('GET gives the shipped catalogue until a PUT replaces it for the tenant alone', async () => {
      const before = await api.request('GET', '/api/v1/solutions');
      assert.equal(before.status, 200);
      assert.ok(before.body.solutions.some((s: { id: string }) => s.id === 'contoso-ai-insights'));
      const put = await api.as(KEYS.integration).request('PUT', '/api/v1/solutions', { solutions: [{ id: 'new-one', name: 'New One' }] });
      assert.equal(put.status, 200);
      assert.deepEqual((await api.request('GET', '/api/v1/solutions')).body.solutions, [{ id: 'new-one', name: 'New One' }]);
      const other = await api.as(KEYS.otherTenant).request('GET', '/api/v1/solutions');
      assert.ok(
        other.body.solutions.some((s: { id: string }) => s.id === 'contoso-ai-insights'),
        'another tenant keeps its own',
      );
      const seller = new SellerClient(bot, { tenantId: TENANT });
      let card = await seller.say('register a deal');
      card = await seller.click(card, 'Next', { companyName: 'A', country: 'SE', city: 'B' });
      assert.deepEqual(
        inputs(card).find((i) => i.id === 'solutionId')?.choices,
        [{ title: 'New One', value: 'new-one' }],
        'the wizard offers the tenant’s catalogue',
      );
      const dup = await api.request('PUT', '/api/v1/solutions', {
        solutions: [
          { id: 'a', name: 'A' },
          { id: 'a', name: 'B' },
        ],
      });
      assert.equal(dup.status, 400);
      await api.request('PUT', '/api/v1/solutions', before.body);
    });
  });
});

describe('the deal desk’s figures', () => {
  it('GET /api/v1/stats: deals waiting, the oldest wait, and the median and p90 time in review over 30 days', async () => {
    const bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV }).start();
    try {
      const repo = new DealRepository(bot.bot.store);
      const api = new ApiClient(bot.url, KEYS.reviewer);
      const empty = await api.request('GET', '/api/v1/stats');
      assert.equal(empty.status, 200);
      assert.deepEqual(empty.body, { waiting: 0, last30Days: { decided: 0 } });
      const waiting = [];
      for (const minutesAgo of [90, 30])
        waiting.push(
          await seed(repo, { tenantId: TENANT, ownerId: 'owner-1', status: 'in_review', companyName: `Waiting ${minutesAgo}`, minutesAgo }),
        );
      for (const deal of waiting.slice(0, 1)) {
        assert.equal((await api.request('POST', `/api/v1/deals/${deal.id}/approve`, {}, { 'if-match': '*' })).status, 200);
      }
      const stats = await api.request('GET', '/api/v1/stats');
      assert.equal(stats.body.waiting, 1);
      assert.ok(Math.abs(stats.body.oldestWaitSeconds - 30 * 60) < 60, `oldest wait ${stats.body.oldestWaitSeconds} s`);
      assert.equal(stats.body.last30Days.decided, 1);
      assert.ok(Math.abs(stats.body.last30Days.medianSeconds - 90 * 60) < 60, `median ${stats.body.last30Days.medianSeconds} s`);
      assert.equal(stats.body.last30Days.p90Seconds, stats.body.last30Days.medianSeconds);
      assert.equal((await api.as(KEYS.integration).request('GET', '/api/v1/stats')).status, 403);
      assert.deepEqual(
        (await api.as(KEYS.otherTenant).request('GET', '/api/v1/stats')).body.waiting,
        0,
        'another tenant’s figures are its own',
      );
    } finally {
      await bot.stop();
    }
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Deal } from '../../src/domain/deal.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { API_KEYS_ENV, ApiClient, KEYS } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { seededDeal } from '../support/seed.js';

const TENANT = 'tenant-contoso';
const sha = (key: string) => createHash('sha256').update(key).digest('hex');

/** Keys bound to people: Rita (a reviewer) holds two while rotating, Sam one; Rita also registers deals. */
const RITA = 'entra-rita-0001';
const SAM = 'entra-sam-0002';
const BOUND = { rita: 'test-key-rita', ritaNext: 'test-key-rita-next', sam: 'test-key-sam' } as const;
const BOUND_ENV = [
  `${TENANT}:reviewer:${sha(BOUND.rita)}:${RITA}`,
  `${TENANT}:reviewer:${sha(BOUND.ritaNext)}:${RITA}`,
  `${TENANT}:reviewer:${sha(BOUND.sam)}:${SAM}`,
].join(',');

describe('four eyes are two people, on every path', () => {
  let bot: BotUnderTest;
  let repo: DealRepository;
  let api: ApiClient;
  before(async () => {
    bot = await new BotUnderTest({ API_KEYS: `${API_KEYS_ENV},${BOUND_ENV}` }).start();
    repo = new DealRepository(bot.bot.store);
    api = new ApiClient(bot.url, KEYS.reviewer);
  });
  after(async () => bot.stop());

  /** A deal in review that needs two approvals (as a four-eyes routing rule would have routed it). */
  async function fourEyes(ownerId = 'seller-1', secondApprovalByKey?: boolean): Promise<Deal> {
    const deal = seededDeal({ tenantId: TENANT, ownerId, status: 'in_review', companyName: 'Fabrikam', minutesAgo: 5 });
    deal.review = { approvalsRequired: 2, approvals: [], ...(secondApprovalByKey ? { secondApprovalByKey } : {}) };
    assert.ok(await repo.create(deal));
    return deal;
  }
  const approve = (key: string, deal: Deal) => api.as(key).request('POST', `/api/v1/deals/${deal.id}/approve`, {}, { 'if-match': '*' });
  const statusOf = async (deal: Deal) => (await repo.get(TENANT, deal.id))?.status;

  it('the two keys of a rotating pair are one reviewer', async () => {
    const deal = await fourEyes();
    assert.equal((await approve(KEYS.reviewer, deal)).status, 200);
    const second = await approve(KEYS.reviewerNext, deal);
    assert.equal(second.status, 409);
    assert.equal(second.body.type.endsWith('second-approval-needed'), true);
    assert.equal(await statusOf(deal), 'in_review');
  });

  it('a key bound to no one cannot give the second approval, unless the routing rule allows it', async () => {
    const deal = await fourEyes();
    assert.equal((await approve(BOUND.sam, deal)).status, 200);
    const byKey = await approve(KEYS.reviewer, deal);
    assert.equal(byKey.status, 409);
    assert.match(byKey.body.detail, /bound to no person/);
    assert.equal((await approve(BOUND.rita, deal)).status, 200, 'a second person, bound: approved');
    assert.equal(await statusOf(deal), 'approved');

    const allowed = await fourEyes('seller-1', true);
    assert.equal((await approve(BOUND.sam, allowed)).status, 200);
    assert.equal((await approve(KEYS.reviewer, allowed)).status, 200);
    assert.equal(await statusOf(allowed), 'approved');
  });

  it("a person's two keys are one reviewer, and a bound key records the person", async () => {
    const deal = await fourEyes();
    assert.equal((await approve(BOUND.rita, deal)).status, 200);
    assert.equal((await approve(BOUND.ritaNext, deal)).status, 409);
    assert.deepEqual(
      (await repo.get(TENANT, deal.id))?.review?.approvals.map((a) => a.by),
      [RITA],
    );
  });

  it('the own-deal rule holds over the API for a bound key', async () => {
    const own = await fourEyes(RITA);
    const res = await approve(BOUND.rita, own);
    assert.equal(res.status, 403);
    assert.equal(res.body.type.endsWith('own-deal'), true);
    assert.equal((await approve(BOUND.sam, own)).status, 200, 'another reviewer may');
  });

  it('an approver erased after the first approval is still the same pair of eyes', async () => {
    const deal = await fourEyes();
    assert.equal((await approve(BOUND.sam, deal)).status, 200);
    const erased = await api.as(KEYS.admin).request('POST', `/api/v1/people/${SAM}/erase`, {});
    assert.equal(erased.status, 200);
    const approvals = (await repo.get(TENANT, deal.id))?.review?.approvals ?? [];
    assert.match(approvals[0]!.by, /^erased:[0-9a-f]{32}$/, 'a pseudonym, not the id and not a blank');
    assert.equal((await approve(BOUND.sam, deal)).status, 409, 'Sam again: refused');
    assert.equal((await approve(BOUND.rita, deal)).status, 200, 'Rita: the second person');
  });

  it('an API key or an erased record is not a person: their data cannot be read or erased', async () => {
    const admin = api.as(KEYS.admin);
    for (const notAPerson of ['api-key:abcd1234', 'erased:0123456789abcdef', '[erased]']) {
      for (const [method, path] of [
        ['POST', 'erase'],
        ['GET', 'data'],
      ] as const) {
        const res = await admin.request(
          method,
          `/api/v1/people/${encodeURIComponent(notAPerson)}/${path}`,
          method === 'POST' ? {} : undefined,
        );
        assert.equal(res.status, 400, `${method} ${notAPerson}`);
        assert.match(JSON.stringify(res.body), /not a person/);
      }
    }
  });

  it('a person id as long as the schema allows reaches the route', async () => {
    const long = `x${'0'.repeat(253)}`;
    const res = await api.as(KEYS.admin).request('GET', `/api/v1/people/${long}/data`);
    assert.equal(res.status, 200);
    assert.equal((await api.as(KEYS.admin).request('GET', `/api/v1/people/${long}0/data`)).status, 400);
  });
});

import assert from 'node:assert/strict';
import { VERBS } from '../../bot/verbs.js';
import type { Deal } from '../../src/domain/deal.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { executeActivity, speaker } from '../support/activities.js';
import { API_KEYS_ENV, ApiClient, KEYS } from '../support/api-client.js';
import { BotUnderTest, postActivity } from '../support/bot-under-test.js';
import { allText } from '../support/cards.js';
import { seed } from '../support/seed.js';

/**
 * Every card action that names a deal, sent by a seller who does not own it: another user's deal in the
 * same tenant, and a deal in another tenant owned by someone with the very same Entra object id. The ids
 * in card data are hints only: the answer is "not found" (or, for review actions, "only the deal desk"),
 * and the deal is exactly as it was.
 */
describe('isolation: card actions on deals that are not yours', () => {
  let bot: BotUnderTest;
  let repo: DealRepository;
  const mallory = speaker({ tenantId: 'tenant-contoso' });
  let targets: { what: string; deal: Deal }[];
  before(async () => {
    bot = await new BotUnderTest({ REVIEWERS: 'tenant-fabrikam:reviewer-f' }).start();
    repo = new DealRepository(bot.bot.store);
    const make = (tenantId: string, ownerId: string, status: Deal['status']) =>
      seed(repo, { tenantId, ownerId, status, companyName: `${tenantId} ${status}`, minutesAgo: 3 });
    targets = [];
    for (const status of ['incomplete', 'update_required', 'in_review'] as const) {
      targets.push({ what: `another user's ${status} deal`, deal: await make('tenant-contoso', 'victim-user', status) });
      targets.push({
        what: `a ${status} deal in another tenant, same object id`,
        deal: await make('tenant-fabrikam', mallory.aadObjectId, status),
      });
    }
  });
  after(async () => bot.stop());

  const dataFor = (verb: string, deal: Deal): Record<string, unknown> => {
    const card = { dealId: deal.id, version: deal.version, step: 'customer' };
    if (verb.startsWith('review.')) return { ...card, comment: 'Taking it over', fields: [] };
    if (verb === VERBS.wizardEdit) return { ...card, to: 'customer' };
    if (verb === VERBS.wizardNext) return { ...card, companyName: 'Mallory Ltd', country: 'SE', city: 'Stockholm' };
    return card;
  };
  // Verbs about no one deal (a new one, the seller's own lists and pipeline) have no victim to refuse.
  const dealVerbs = Object.values(VERBS).filter((v) => !['deal.new', 'deals.list', 'deals.page', 'pipeline.show'].includes(v));

  for (const verb of dealVerbs) {
    it(`${verb}: "not found" or refused, and nothing changes`, async () => {
      for (const { what, deal } of targets) {
        const { status, body } = await postActivity(bot.url, executeActivity(mallory, bot.connector.url, verb, dataFor(verb, deal)));
        assert.equal(status, 200, what);
        const answer = (body as { value: unknown }).value;
        const text = typeof answer === 'string' ? answer : allText(answer as never);
        assert.match(
          text,
          /can't find that deal|Only the deal desk|couldn't read|no draft|not yours to open/i,
          `${verb} on ${what}: ${text.slice(0, 200)}`,
        );
        assert.doesNotMatch(text, new RegExp(deal.fields.customer!.companyName), `${verb} on ${what} showed the deal`);
        const now = await repo.get(deal.tenantId, deal.id);
        assert.equal(now?.version, deal.version, `${verb} changed ${what}`);
      }
    });
  }
});

describe('isolation: API routes on another tenant’s deals', () => {
  let bot: BotUnderTest;
  let contosoDeal: Deal;
  before(async () => {
    bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV }).start();
    const repo = new DealRepository(bot.bot.store);
    contosoDeal = await seed(repo, {
      tenantId: 'tenant-contoso',
      ownerId: 'owner-c',
      status: 'in_review',
      companyName: 'Contoso Only AB',
      minutesAgo: 2,
    });
  });
  after(async () => bot.stop());

  it('answers 404 to a fabrikam reviewer on every deal route, and 403 to a key of the wrong role, changing nothing', async () => {
    const fabrikam = new ApiClient(bot.url, KEYS.otherTenant);
    const id = contosoDeal.id;
    const calls: [string, string, object?][] = [
      ['GET', `/api/v1/deals/${id}`],
      ['POST', `/api/v1/deals/${id}/approve`, {}],
      ['POST', `/api/v1/deals/${id}/decline`, { comment: 'no' }],
      ['POST', `/api/v1/deals/${id}/request-update`, { comment: 'fix' }],
    ];
    for (const [method, path, body] of calls) {
      const res = await fabrikam.request(method, path, body, { 'if-match': '*' });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.doesNotMatch(JSON.stringify(res.body), /Contoso Only AB/);
    }
    const queue = await fabrikam.request('GET', '/api/v1/deals?status=in_review');
    assert.deepEqual(queue.body.deals, []);
    const integration = fabrikam.as(KEYS.integration);
    for (const [method, path, body] of calls)
      assert.equal((await integration.request(method, path, body, { 'if-match': '*' })).status, 403);
    const now = await new DealRepository(bot.bot.store).get('tenant-contoso', id);
    assert.equal(now?.version, contosoDeal.version);
  });
});

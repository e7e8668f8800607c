import assert from 'node:assert/strict';
import { VERBS } from '../../bot/verbs.js';
import type { Deal } from '../../src/domain/deal.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { executeActivity, speaker } from '../support/activities.js';
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
    const make = (tenantId: string, ownerId: string, status: Deal['status']) => seed(repo, { tenantId, ownerId, status, companyName: `${tenantId} ${status}`, minutesAgo: 3 });
    targets = [];
    for (const status of ['incomplete', 'update_required', 'in_review'] as const) {
      targets.push({ what: `another user's ${status} deal`, deal: await make('tenant-contoso', 'victim-user', status) });
      targets.push({ what: `a ${status} deal in another tenant, same object id`, deal: await make('tenant-fabrikam', mallory.aadObjectId, status) });
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
  const dealVerbs = Object.values(VERBS).filter((v) => !['deal.new', 'deals.list', 'deals.page'].includes(v));

  for (const verb of dealVerbs) {
    it(`${verb}: "not found" or refused, and nothing changes`, async () => {
      for (const { what, deal } of targets) {
        const { status, body } = await postActivity(bot.url, executeActivity(mallory, bot.connector.url, verb, dataFor(verb, deal)));
        assert.equal(status, 200, what);
        const text = allText((body as { value: unknown }).value as never);
        assert.match(text, /can't find that deal|Only the deal desk|couldn't read|no draft/i, `${verb} on ${what}: ${text.slice(0, 200)}`);
        assert.doesNotMatch(text, new RegExp(deal.fields.customer!.companyName), `${verb} on ${what} showed the deal`);
        const now = await repo.get(deal.tenantId, deal.id);
        assert.equal(now?.version, deal.version, `${verb} changed ${what}`);
      }
    });
  }
});

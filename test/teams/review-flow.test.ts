import assert from 'node:assert/strict';
import { DealRepository } from '../../src/store/deal-repository.js';
import { validAnswers } from '../support/answers.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { actions, allText, errorUnder, type Json } from '../support/cards.js';
import { eventually } from '../support/eventually.js';
import { toSummary } from '../support/register-deal.js';
import { cardUpdatedTo } from '../support/review-chat.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';
const GROUP = '19:deal-desk@thread.v2';
const titles = (card: Json) => actions(card).map((a) => a.title);
const cardOf = (activity: Record<string, unknown>) => (activity.attachments as { content: Json }[])[0]!.content;

describe('the deal desk reviews in Teams', () => {
  let bot: BotUnderTest;
  let repo: DealRepository;
  let reviewer: SellerClient;
  let reviewer2: SellerClient;
  let bystander: SellerClient;

  before(async () => {
    bot = await new BotUnderTest({ REVIEWERS: `${TENANT}:reviewer-1,${TENANT}:reviewer-2` }).start();
    repo = new DealRepository(bot.bot.store);
    const inGroup = { tenantId: TENANT, conversationId: GROUP, conversationType: 'groupChat' };
    reviewer = new SellerClient(bot, { ...inGroup, aadObjectId: 'reviewer-1', userId: '29:reviewer-1', name: 'Rita Reviewer' });
    reviewer2 = new SellerClient(bot, { ...inGroup, aadObjectId: 'reviewer-2', userId: '29:reviewer-2', name: 'Rolf Reviewer' });
    bystander = new SellerClient(bot, { ...inGroup, aadObjectId: 'someone-else', userId: '29:someone' });
    bot.connector.rosters.set(GROUP, [
      { id: '29:reviewer-1', aadObjectId: 'reviewer-1', name: 'Rita Reviewer' },
      { id: '29:reviewer-2', aadObjectId: 'reviewer-2', name: 'Rolf Reviewer' },
      { id: '29:someone', aadObjectId: 'someone-else', name: 'Sam' },
    ]);
  });
  after(async () => bot.stop());

  const register = toSummary;
  const posted = () =>
    bot.connector
      .sent(GROUP)
      .filter((a) => a.attachments)
      .map(cardOf);
  /** The review card posted after `before` cards, once the outbox has posted it. */
  const postedAfter = (before: number) => eventually(() => posted().length > before && posted().at(-1)!, 60_000, 'a review card posted');
  const updatedTo = (what: RegExp) => cardUpdatedTo(bot.connector, GROUP, what);
  const refresh = async (who: SellerClient, card: Json) =>
    (await who.execute('review.refresh', (card.refresh as { action: { data: Json } }).action.data)).card;

  it('only a reviewer, and only in a group chat or channel, chooses where reviews go', async () => {
    assert.match(allText(await bystander.say('use this chat for reviews')), /Only the deal desk can choose/);
    const personal = new SellerClient(bot, { tenantId: TENANT, aadObjectId: 'reviewer-1' });
    assert.match(allText(await personal.say('use this chat for reviews')), /team channel or a group chat/);
    assert.match(allText(await reviewer.say('Use this chat for reviews!')), /every deal that enters review will be posted here/);
  });

  it('posts a read-only review card that refreshes with buttons for the reviewers alone', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT, name: 'Anna Svensson' });
    const before = posted().length;
    await seller.click(await register(seller), 'Register');
    const card = await postedAfter(before);
    const { dealId } = (card.refresh as { action: { data: { dealId: string } } }).action.data;
    await eventually(async () => (await repo.get(TENANT, dealId))!.outbox.every((e) => e.deliveredAt), 60_000, 'the outbox settled');
    assert.equal(posted().length, before + 1, 'one card posted to the review chat');
    assert.match(allText(card), /Anna Svensson/);
    assert.match(allText(card), /Fabrikam AB/);
    assert.match(allText(card), /Annual contract value/);
    assert.deepEqual(titles(card), [], 'everyone sees it read-only');
    assert.deepEqual((card.refresh as { userIds: string[] }).userIds, ['29:reviewer-1', '29:reviewer-2']);
    assert.deepEqual(titles(await refresh(reviewer, card)), ['Approve', 'Decline', 'Request update']);
    assert.deepEqual(titles(await refresh(bystander, card)), []);
  });

  it('shows a draft’s review card to no one but its owner, even in the review chat or to a reviewer', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT });
    await register(seller);
    const draft = (await repo.listByOwner(TENANT, seller.who.aadObjectId, 'incomplete', 1))[0]!;
    for (const who of [bystander, reviewer]) {
      const forged = await who.execute('review.refresh', { dealId: draft.id });
      assert.match(allText(forged.card), /I can't find that deal/);
      assert.doesNotMatch(allText(forged.card), /Fabrikam AB/);
    }
    assert.match(allText((await seller.execute('review.refresh', { dealId: draft.id })).card), /Fabrikam AB/, 'the owner may');
  });

  it('refuses a forged decision from someone who is not a reviewer, and changes nothing', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT });
    const before = posted().length;
    await seller.click(await register(seller), 'Register');
    const data = ((await postedAfter(before)).refresh as { action: { data: { dealId: string } } }).action.data;
    const deal = (await repo.get(TENANT, data.dealId))!;
    const forged = await bystander.execute('review.approve', { dealId: deal.id, version: deal.version });
    assert.match(allText(forged.card), /Only the deal desk can decide/);
    assert.equal((await repo.get(TENANT, deal.id))?.status, 'in_review');
  });

  it('a decision updates the card in place for everyone; the seller sees it in the history', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT });
    const before = posted().length;
    await seller.click(await register(seller), 'Register');
    const mine = await refresh(reviewer, await postedAfter(before));
    const decided = await reviewer.click(mine, 'Approve', { comment: 'Welcome aboard' });
    assert.match(allText(decided), /Approved by Rita Reviewer/);
    assert.match(allText(decided), /Welcome aboard/);
    assert.deepEqual(titles(decided), []);
    await updatedTo(/Approved by Rita Reviewer/); // the posted card, for everyone
    const again = await reviewer2.click(mine, 'Decline', { comment: 'late' });
    assert.match(allText(again), /Approved already, so nothing was changed/);
    const detail = await seller.click(await seller.say('approved'), 'Open');
    assert.match(allText(detail), /In review → Approved/);
    assert.match(allText(detail), /Welcome aboard/);
  });

  it('sends a deal back with flagged fields; the seller fixes them and re-registers; a fresh card is posted', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT });
    const first = posted().length;
    await seller.click(await register(seller), 'Register');
    const mine = await refresh(reviewer, await postedAfter(first));
    const noComment = await reviewer.click(mine, 'Request update', { fields: 'signedDate,email' });
    assert.match(errorUnder(noComment, 'comment') ?? '', /Please say why/);
    const sent = await reviewer.click(noComment, 'Request update', { comment: 'Please check the signed date', fields: 'signedDate,email' });
    assert.match(allText(sent), /Update required by Rita Reviewer/);

    const detail = await seller.click(await seller.say('update required'), 'Open');
    let card = await seller.click(detail, 'Update');
    assert.match(allText(card), /Step 5 of 6: Dates/, 'opens at the first flagged step');
    assert.match(allText(card), /The deal desk's comment: \nPlease check the signed date/);
    assert.equal(allText(card).match(/asked you to check this/g)?.length, 1, 'only the flagged field on this step');
    const marked = (c: Json) => JSON.stringify(c.body).match(/"style":"attention","items":\[[^\]]*?"id":"(\w+)"/g)?.length ?? 0;
    assert.equal(marked(card), 1, 'the flagged field is in an attention container');
    card = await seller.click(card, 'Next', { signedDate: validAnswers().dates!.startDate! });
    assert.match(allText(card), /Registration contact/, 'on to the next flagged step');
    card = await seller.click(card, 'Next', { email: 'anna.svensson@fabrikam.example' });
    assert.match(allText(card), /Check your deal/);
    const before = posted().length;
    card = await seller.click(card, 'Register');
    assert.match(allText(card), /Status: In review/);
    await postedAfter(before); // a fresh review card
    const stored = (await repo.listByOwner(TENANT, seller.who.aadObjectId, 'in_review', 1))[0]!;
    assert.deepEqual(stored.flagged, [], 'flags cleared on re-registering');
    assert.deepEqual(
      stored.history.map((h) => h.to),
      ['incomplete', 'in_review', 'update_required', 'in_review'],
    );
  });

  it('a reviewer cannot decide their own deal', async () => {
    const asSeller = new SellerClient(bot, { tenantId: TENANT, aadObjectId: 'reviewer-1', userId: '29:reviewer-1' });
    const before = posted().length;
    await asSeller.click(await register(asSeller), 'Register');
    const card = await postedAfter(before);
    assert.deepEqual(titles(await refresh(reviewer, card)), [], 'no buttons on their own deal');
    const { dealId } = (card.refresh as { action: { data: { dealId: string } } }).action.data;
    const deal = (await repo.get(TENANT, dealId))!;
    const forged = await reviewer.execute('review.approve', { dealId, version: deal.version });
    assert.match(allText(forged.card), /can't decide your own deal/);
    assert.equal((await repo.get(TENANT, dealId))?.status, 'in_review');
  });

  it('warns of a likely duplicate on the seller’s summary and on the review card', async () => {
    const first = new SellerClient(bot, { tenantId: TENANT });
    await first.click(await register(first, { customer: { companyName: 'Duplicate Dynamics AB' } }), 'Register');
    const second = new SellerClient(bot, { tenantId: TENANT });
    const summary = await register(second, { customer: { companyName: 'duplicate dynamics, ab.' } });
    assert.match(allText(summary), /A deal for the same customer and solution was registered/);
    const before = posted().length;
    await second.click(summary, 'Register');
    assert.match(allText(await postedAfter(before)), /Possible duplicate: D-/);
    const other = new SellerClient(bot, { tenantId: TENANT });
    const different = await register(other, {
      customer: { companyName: 'Duplicate Dynamics AB' },
      solution: { solutionId: 'contoso-secure-backup' },
    });
    assert.doesNotMatch(allText(different), /same customer and solution/, 'another solution is not a duplicate');
  });
});

import assert from 'node:assert/strict';
import { DealRepository } from '../../src/store/deal-repository.js';
import { ApiClient, KEYS } from '../support/api-client.js';
import type { BotUnderTest } from '../support/bot-under-test.js';
import { actions, allText, type Json } from '../support/cards.js';
import { eventually } from '../support/eventually.js';
import { registerDeal } from '../support/register-deal.js';
import { botWithReviewChat, cardUpdatedTo, REVIEW_CHAT } from '../support/review-chat.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';
const GROUP = REVIEW_CHAT;
const _cardOf = (activity: Record<string, unknown>) => (activity.attachments as { content: Json }[])[0]!.content;

/** The buttons inside a card's Action.ShowCard, whose inputs Teams sends with them. */
function shown(card: Json, title: string): Json {
  const show = ((card.actions as Json[]) ?? []).find((a) => a.type === 'Action.ShowCard' && a.title === title);
  if (!show) throw new Error(`no "${title}" on the card`);
  return show.card as Json;
}

describe('the seller talks back: replies to the desk and withdrawals', () => {
  let bot: BotUnderTest;
  let repo: DealRepository;
  before(async () => {
    bot = await botWithReviewChat(TENANT);
    repo = new DealRepository(bot.bot.store);
  });
  after(async () => bot.stop());

  const updatedTo = (what: RegExp) => cardUpdatedTo(bot.connector, GROUP, what);

  const registered = (seller: SellerClient) => registerDeal(seller);

  it('a reply from a deal sent back is in the history and on the review card', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT, name: 'Anna Svensson' });
    await registered(seller);
    const [deal] = await repo.listByOwner(TENANT, seller.who.aadObjectId, 'in_review', 1);
    await new ApiClient(bot.url, KEYS.reviewer).request(
      'POST',
      `/api/v1/deals/${deal!.id}/request-update`,
      { comment: 'Is the value right?' },
      { 'if-match': '*' },
    );
    const detail = await seller.click(await seller.say('update required'), 'Open');
    const reply = shown(detail, 'Reply to the deal desk');
    assert.deepEqual(
      (reply.body as Json[]).map((b) => b.id),
      ['reply'],
    );
    const send = actions(reply).find((a) => a.title === 'Send')!;
    const answered = await seller.execute(send.verb as string, {
      ...(send.data as Json),
      reply: 'Yes: 1.2 MSEK, confirmed with the customer.',
    });
    assert.match(allText(answered.card), /Your reply was sent to the deal desk/);
    assert.match(allText(answered.card), /Reply to the deal desk.*Yes: 1\.2 MSEK/s, 'in the history');
    await updatedTo(/The seller's replies\n.*: \nYes: 1\.2 MSEK, confirmed with the customer\./);
    const empty = await seller.execute(send.verb as string, { ...(send.data as Json), reply: '  ' });
    assert.match(allText(empty.card), /Please fill in this field/);
    const long = await seller.execute(send.verb as string, { ...(send.data as Json), reply: 'x'.repeat(2001) });
    assert.match(allText(long.card), /at most 2000 characters/);
  });

  it('withdrawing a deal in review makes it Incomplete again, keeps its history, and says so on the review card', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT, name: 'Anna Svensson' });
    const before = bot.connector.sent(GROUP).length;
    const confirmation = await registered(seller);
    // The desk's card is posted first (a withdrawal before it would post one card showing the withdrawal).
    await eventually(() => bot.connector.sent(GROUP).length > before, 60_000, 'the review card posted');
    const withdraw = actions(shown(confirmation, 'Withdraw from review'))[0]!;
    const result = await seller.execute(withdraw.verb as string, withdraw.data as Json);
    assert.match(allText(result.card), /withdrawn from review\. It is Incomplete again/);
    const [deal] = await repo.listByOwner(TENANT, seller.who.aadObjectId, 'incomplete', 1);
    assert.deepEqual(
      deal!.history.map((h) => h.to),
      ['incomplete', 'in_review', 'incomplete'],
    );
    assert.equal(deal!.history.at(-1)!.kind, 'withdrawn');
    await updatedTo(/Withdrawn by the seller \(Anna Svensson\)/);
    const api = new ApiClient(bot.url, KEYS.reviewer);
    assert.equal(
      (await api.request('POST', `/api/v1/deals/${deal!.id}/approve`, {}, { 'if-match': '*' })).status,
      409,
      'no longer the desk’s to decide',
    );
    const again = await seller.click(await seller.say('continue'), 'Register');
    assert.match(allText(again), /Status: In review/, 'registered again from where it was');
  });
});

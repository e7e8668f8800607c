import assert from 'node:assert/strict';
import { DealRepository } from '../../src/store/deal-repository.js';
import { API_KEYS_ENV, ApiClient, KEYS } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { actions, allText, type Json } from '../support/cards.js';
import { daysFromToday } from '../support/dates.js';
import { eventually } from '../support/eventually.js';
import { registerDeal } from '../support/register-deal.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';

/** The inputs a card marks for the seller to check: inside a container with the attention style. */
function markedInputs(card: Json): string[] {
  const marked: string[] = [];
  const walk = (node: unknown, inAttention: boolean) => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, inAttention);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Json;
    const attention = inAttention || (n.type === 'Container' && n.style === 'attention');
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && attention) marked.push(n.id as string);
    for (const value of Object.values(n)) walk(value, attention);
  };
  walk(card.body, false);
  return marked;
}

describe('updating a deal the deal desk sent back', () => {
  let bot: BotUnderTest;
  let repo: DealRepository;
  before(async () => {
    bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV, OUTBOX_POLL: 'PT0.05S' }).start();
    repo = new DealRepository(bot.bot.store);
  });
  after(async () => bot.stop());

  async function sentBack(seller: SellerClient, fields: string[]) {
    await registerDeal(seller);
    const [deal] = await repo.listByOwner(TENANT, seller.who.aadObjectId, 'in_review', 1);
    const api = new ApiClient(bot.url, KEYS.reviewer);
    const res = await api.request(
      'POST',
      `/api/v1/deals/${deal!.id}/request-update`,
      { comment: 'Please recheck these three', fields },
      { 'if-match': '*' },
    );
    assert.equal(res.status, 200);
    return deal!;
  }

  it('walks the seller through the three flagged steps in order, then a summary of what changed', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT });
    await seller.install();
    await sentBack(seller, ['totalValue', 'signedDate', 'phone']);
    const notice = await eventually(
      () => seller.notifications().find((n) => /needs an update/.test(allText(n))),
      5000,
      'the send-back notice',
    );
    assert.match(allText(notice), /To check: \nTotal contract value, Signed contract date, Phone/);

    const sentBefore = bot.connector.sent(seller.who.conversationId).length;
    let card = await seller.click(notice, 'Update the deal');
    assert.equal(
      bot.connector.sent(seller.who.conversationId).length,
      sentBefore + 1,
      'a new message: the notice stays in the chat as it was',
    );
    assert.match(allText(card), /Step 3 of 6: Value/);
    assert.match(allText(card), /The deal desk's comment: \nPlease recheck these three/);
    assert.deepEqual(markedInputs(card), ['totalValue']);
    card = await seller.click(card, 'Next', { totalValue: '1,500,000' });
    assert.match(allText(card), /Step 5 of 6: Dates/, 'the next flagged step, not the summary');
    assert.deepEqual(markedInputs(card), ['signedDate']);
    card = await seller.click(card, 'Next', { signedDate: daysFromToday(-11) });
    assert.match(allText(card), /Step 6 of 6: Registration contact/);
    assert.deepEqual(markedInputs(card), ['phone']);
    card = await seller.click(card, 'Next');
    assert.match(allText(card), /Check your deal/);
    const text = allText(card);
    assert.match(text, /Please recheck these three/, 'the comment stays on the summary');
    assert.match(text, /What the deal desk asked you to check:/);
    assert.match(text, /Total contract value\n.*1,200,000\.50 → .*1,500,000\.00/);
    assert.match(text, /Phone\nunchanged: \+46 8 123 456 78/);

    card = await seller.click(card, 'Register');
    assert.match(
      allText(card),
      /You have not changed Phone, which the deal desk asked you to check\. Register anyway, or use Edit to change it\./,
      'asked once',
    );
    assert.equal(actions(card).find((a) => a.verb === 'wizard.register')?.title, 'Register anyway');
    card = await seller.click(card, 'Register anyway');
    assert.match(allText(card), /Status: In review/);
    const [deal] = await repo.listByOwner(TENANT, seller.who.aadObjectId, 'in_review', 1);
    assert.equal(deal!.fields.value?.totalValue, '1500000');
    assert.equal(deal!.wizard.update, undefined, 'the update is over');
  });

  it('registers at once when every flagged field changed, and can walk every step on request', async () => {
    const seller = new SellerClient(bot, { tenantId: TENANT });
    await sentBack(seller, ['city']);
    const detail = await seller.click(await seller.say('update required'), 'Open');
    let card = await seller.click(detail, 'Update');
    assert.match(allText(card), /Step 1 of 6: Customer/);
    card = await seller.click(card, 'Review every step', { city: 'Göteborg' });
    assert.equal(
      actions(card).some((a) => a.title === 'Review every step'),
      false,
    );
    card = await seller.click(card, 'Next', { city: 'Göteborg' });
    assert.match(allText(card), /Step 2 of 6: Solution/, 'now every step');
    for (let i = 0; i < 5; i++) card = await seller.click(card, 'Next');
    assert.match(allText(card), /Stockholm → Göteborg/);
    card = await seller.click(card, 'Register');
    assert.match(allText(card), /Status: In review/);
  });
});

import assert from 'node:assert/strict';
import type { Deal } from '../../src/domain/deal.js';
import { dealRef } from '../../src/domain/deal-ref.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { type Elsewhere, messageActivity } from '../support/activities.js';
import { BotUnderTest, postActivity } from '../support/bot-under-test.js';
import { action, allText, type Json } from '../support/cards.js';
import { adaptiveCardValidator } from '../support/schemas.js';
import { seededDeal } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';
const DOMAIN = 'dealbot.contoso.example';
const CHANNEL: Elsewhere = { conversationId: '19:account-team@thread.tacv2', conversationType: 'channel' };
const PEOPLE_CHAT: Elsewhere = { conversationId: '19:anna-and-her-manager@unq.gbl.spaces', conversationType: 'personal' };
const validate = adaptiveCardValidator();

type Attachment = { contentType: string; content: Json; preview: { contentType: string; content: { title: string; subtitle: string } } };
const attachmentsOf = (result: Json) => (result.attachments ?? []) as Attachment[];
const customers = (result: Json) => attachmentsOf(result).map((a) => a.preview.content.title);
/** A button that shows more of the card (Action.ShowCard), by its title. */
const shownCard = (card: Json, title: string) => (card.actions as Json[]).find((a) => a.type === 'Action.ShowCard' && a.title === title);
const link = (deal: Deal) => `https://${DOMAIN}/deals/${dealRef(deal.id)}`;

describe('deals in the compose box: search, share, unfurl, open', () => {
  let bot: BotUnderTest;
  let anna: SellerClient;
  let ben: SellerClient;
  let reviewer: SellerClient;
  let stranger: SellerClient;
  const deals: Record<string, Deal> = {};

  before(async () => {
    bot = await new BotUnderTest({ REVIEWERS: `${TENANT}:reviewer-1`, BOT_DOMAIN: DOMAIN }).start();
    anna = new SellerClient(bot, { tenantId: TENANT, name: 'Anna Svensson' });
    ben = new SellerClient(bot, { tenantId: TENANT, name: 'Ben Berg' });
    reviewer = new SellerClient(bot, { tenantId: TENANT, aadObjectId: 'reviewer-1', userId: '29:reviewer-1', name: 'Rita Reviewer' });
    stranger = new SellerClient(bot, { tenantId: 'tenant-fabrikam', name: 'Eve Else' });
    for (const who of [anna, ben, stranger]) await who.install();
    const repo = new DealRepository(bot.bot.store);
    const add = async (key: string, who: SellerClient, status: Deal['status'], companyName: string, minutesAgo: number) => {
      deals[key] = seededDeal({
        tenantId: who.who.tenantId,
        ownerId: who.who.aadObjectId,
        status,
        companyName,
        minutesAgo,
        now: bot.clock.now(),
      });
      await repo.create(deals[key]!);
    };
    await add('volvo', anna, 'in_review', 'Volvo AB', 5);
    await add('saab', anna, 'approved', 'Saab AB', 10);
    await add('nokia', anna, 'update_required', 'Nokia Oyj', 15);
    await add('draft', anna, 'incomplete', 'Draft AB', 1);
    await add('bensVolvo', ben, 'in_review', 'Volvo Cars', 20);
    await add('bensDraft', ben, 'incomplete', 'Secret Plans AB', 2);
    await add('foreign', stranger, 'in_review', 'Volvo AB', 3);
  });
  after(async () => bot.stop());

  it('finds the seller’s own deals by part of the customer’s name, never a colleague’s or another tenant’s', async () => {
    assert.deepEqual(customers(await anna.search('volvo')), ['Volvo AB']);
    const ids = attachmentsOf(await anna.search('volvo')).map((a) => (a.content.actions as Json[])[0]!.data as Json);
    assert.deepEqual(ids, [{ dealId: deals.volvo!.id }]);
    assert.deepEqual(customers(await stranger.search('volvo')), ['Volvo AB'], 'the stranger’s own deal only');
    assert.match(allText(attachmentsOf(await stranger.search('volvo'))[0]!.content), new RegExp(dealRef(deals.foreign!.id)));
    assert.deepEqual(customers(await ben.search('saab')), [], 'a colleague’s deal is not found');
  });

  it('lists the newest deals when nothing is typed yet, and finds by reference and by status word in either language', async () => {
    assert.deepEqual(customers(await anna.search(undefined)), ['Draft AB', 'Volvo AB', 'Saab AB', 'Nokia Oyj']);
    assert.deepEqual(customers(await anna.search('')), ['Draft AB', 'Volvo AB', 'Saab AB', 'Nokia Oyj']);
    assert.deepEqual(customers(await anna.search(dealRef(deals.saab!.id))), ['Saab AB']);
    assert.deepEqual(
      customers(await anna.search(dealRef(deals.saab!.id).slice(0, 6).toLowerCase())),
      ['Saab AB'],
      'the start of a reference',
    );
    assert.deepEqual(customers(await anna.search('in review')), ['Volvo AB']);
    assert.deepEqual(customers(await anna.search('granskas')), ['Volvo AB']);
    assert.deepEqual(customers(await anna.search('Uppdatering krävs')), ['Nokia Oyj']);
    assert.deepEqual(customers(await anna.search('closed')), ['Saab AB']);
    assert.deepEqual(customers(await anna.search('granskas saab')), [], 'both must hold');
  });

  it('answers what Copilot asks: "show my in-progress deals with Contoso", whole or as parameters', async () => {
    assert.deepEqual(customers(await anna.search('show my in-progress deals with Volvo')), ['Volvo AB']);
    assert.deepEqual(customers(await anna.search('volvo', { status: 'in_progress' })), ['Volvo AB']);
    assert.deepEqual(customers(await anna.search('', { status: 'action_required' })), ['Draft AB', 'Nokia Oyj']);
    assert.deepEqual(customers(await anna.search('saab', { status: 'in_progress' })), []);
  });

  it('covers the tenant’s registered deals for a reviewer, never a seller’s draft nor another tenant’s', async () => {
    assert.deepEqual(customers(await reviewer.search('volvo')).sort(), ['Volvo AB', 'Volvo Cars']);
    assert.deepEqual(customers(await reviewer.search('secret')), [], 'a draft is its seller’s alone');
    assert.deepEqual(customers(await reviewer.search('in review')).sort(), ['Volvo AB', 'Volvo Cars']);
  });

  it('pages as Teams asks, and ends the list past ten pages rather than hold a tenant in memory to skip it', async () => {
    assert.deepEqual(customers(await reviewer.search('volvo', { skip: 1, count: 1 })).length, 1);
    assert.deepEqual(customers(await reviewer.search('volvo', { skip: 10_000, count: 25 })), []);
    assert.deepEqual(customers(await reviewer.search('volvo', { skip: 250 })), []);
  });

  it('shows each result as a preview and a shared deal card: customer, solution, value, status, last change, never the contact', async () => {
    const [result] = attachmentsOf(await anna.search('volvo'));
    assert.equal(result!.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(result!.preview.contentType, 'application/vnd.microsoft.card.thumbnail');
    assert.match(result!.preview.content.subtitle, new RegExp(`${dealRef(deals.volvo!.id)} · In review`));
    const card = result!.content;
    assert.ok(validate(card), JSON.stringify(validate.errors?.slice(0, 3)));
    const text = allText(card);
    for (const shown of ['Volvo AB', 'Contoso AI Insights', 'EUR 120,000.00', 'In review', 'Last change', dealRef(deals.volvo!.id)]) {
      assert.ok(text.includes(shown), `shows ${shown}: ${text}`);
    }
    for (const hidden of ['+46', '8123', 'anna@fabrikam.example', 'fabrikam.example'])
      assert.ok(!JSON.stringify(card).includes(hidden), `hides ${hidden}`);
    assert.deepEqual(
      (card.actions as Json[]).map((a) => [a.type, a.title]),
      [['Action.Execute', 'Open in Dealbot']],
    );
  });

  it('answers a hostile or unreadable search with a clear line, never an error', async () => {
    const long = await anna.search('x'.repeat(5_000));
    assert.equal(long.type, 'message');
    assert.match(long.text as string, /at most 100 characters/);
    for (const hostile of ['${owner}', '.*', "'; DROP TABLE deals;--", '\u0000\u202e', '%s%n']) {
      assert.deepEqual(customers(await anna.search(hostile)), [], hostile);
    }
    const otherName = await anna.invoke('composeExtension/query', {
      commandId: 'searchDeals',
      parameters: [{ name: 'searchText', value: 'volvo' }],
    });
    assert.deepEqual(customers(otherName.body.composeExtension as Json), ['Volvo AB'], 'the typed text, whatever its parameter is called');
    const unknown = await anna.search('volvo', { commandId: 'somethingElse' });
    assert.equal(unknown.type, 'message');
    assert.match(unknown.text as string, /does not know this search/);
    const garbled = await anna.invoke('composeExtension/query', { commandId: 'searchDeals', parameters: 'volvo' });
    assert.equal(garbled.status, 200);
    assert.equal((garbled.body.composeExtension as Json).type, 'message');
    const swedish = new SellerClient(bot, { tenantId: TENANT, locale: 'sv-SE' });
    await swedish.install();
    assert.match((await swedish.search('x'.repeat(101))).text as string, /högst 100 tecken/);
  });

  it('unfurls a pasted deal link for its seller and the tenant’s reviewers; anyone else gets the same words for any deal link', async () => {
    const own = attachmentsOf(await anna.pasteLink(link(deals.volvo!), CHANNEL));
    assert.equal(own.length, 1);
    assert.ok(validate(own[0]!.content));
    assert.match(allText(own[0]!.content), /Volvo AB/);
    assert.equal(attachmentsOf(await reviewer.pasteLink(link(deals.volvo!), CHANNEL)).length, 1, 'the deal desk sees it');
    // Not theirs, someone's draft, or no deal at all: one card, alike for each, telling nothing of the deal.
    const told = new Set<string>();
    for (const [who, url] of [
      [ben, link(deals.volvo!)],
      [stranger, link(deals.volvo!)],
      [reviewer, link(deals.bensDraft!)],
      [anna, `https://${DOMAIN}/deals/D-00000000`],
    ] as const) {
      const result = await who.pasteLink(url, CHANNEL);
      const [only, ...more] = attachmentsOf(result);
      assert.ok(only && more.length === 0, `${who.who.name}: ${url}`);
      assert.ok(validate(only.content));
      assert.match(allText(only.content), /A Dealbot deal link\. Its seller and the deal desk open it by saying "open D-/);
      assert.doesNotMatch(JSON.stringify(result), /Volvo|Anna|Secret|In review|EUR/);
      told.add(allText(only.content).replace(/D-[0-9A-F]{8}/g, 'D-…'));
    }
    assert.equal(told.size, 1, 'the same words, whether the deal exists or not');
    for (const url of [`https://${DOMAIN}/privacy`, 'not a url']) {
      assert.deepEqual(attachmentsOf(await anna.pasteLink(url, CHANNEL)), [], `${url}: not a deal link`);
    }
  });

  it('"Open in Dealbot" opens the deal in the user’s own chat with the bot, and tells anyone else it is not theirs', async () => {
    const data = { dealId: deals.volvo!.id };
    const before = bot.connector.sent(anna.who.conversationId).length;
    const opened = await anna.executeElsewhere('deal.shared_open', data, CHANNEL);
    assert.deepEqual(opened, {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: `${dealRef(deals.volvo!.id)} is open in your chat with Dealbot.`,
    });
    const posted = bot.connector.sent(anna.who.conversationId).slice(before);
    assert.equal(posted.length, 1, 'the deal card, in her chat with the bot');
    const detail = (posted[0]!.attachments as { content: Json }[])[0]!.content;
    assert.match(allText(detail), /anna@fabrikam.example/, 'her own full deal card');
    assert.equal(bot.connector.sent(CHANNEL.conversationId).length, 0, 'nothing posted in the channel');

    const refused = await ben.executeElsewhere('deal.shared_open', data, CHANNEL);
    assert.equal(refused.type, 'application/vnd.microsoft.activity.message');
    assert.match(refused.value as string, /not yours to open/);
    assert.match((await stranger.executeElsewhere('deal.shared_open', data, CHANNEL)).value as string, /not yours to open/);

    // A reviewer who never chatted with the bot is told how to open it; once they have, it opens there.
    assert.match(
      (await reviewer.executeElsewhere('deal.shared_open', data, CHANNEL)).value as string,
      /Start a chat with Dealbot and say "open D-/,
    );
    await reviewer.install();
    const forReview = await reviewer.executeElsewhere('deal.shared_open', data, CHANNEL);
    assert.match(forReview.value as string, /is open in your chat/);
    const reviewCard = (bot.connector.sent(reviewer.who.conversationId).at(-1)!.attachments as { content: Json }[])[0]!.content;
    assert.ok(action(reviewCard, 'Approve'), 'the review card, with the decisions');
  });

  it('searching from a chat between people leaves the bot’s own chat as where the seller is reached', async () => {
    await anna.search('volvo', { where: PEOPLE_CHAT });
    await anna.executeElsewhere('deal.shared_open', { dealId: deals.saab!.id }, PEOPLE_CHAT);
    assert.equal(bot.connector.sent(PEOPLE_CHAT.conversationId).length, 0);
    assert.match(allText((bot.connector.sent(anna.who.conversationId).at(-1)!.attachments as { content: Json }[])[0]!.content), /Saab AB/);
  });

  it('says nothing when a seller puts a shared deal card into their own chat with the bot', async () => {
    const [result] = attachmentsOf(await anna.search('volvo'));
    const activity = {
      ...messageActivity(
        anna.who,
        bot.connector.url,
        '<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension">&nbsp;</span>',
      ),
      attachments: [{ contentType: result!.contentType, content: result!.content }],
    };
    const before = bot.connector.sent(anna.who.conversationId).length;
    assert.equal((await postActivity(bot.url, activity)).status, 200);
    await bot.settled();
    assert.equal(bot.connector.sent(anna.who.conversationId).length, before, 'no "I did not understand"');
  });

  it('gives a registered deal’s card a "Copy link" to its deal link, which a browser opens without a word about the deal', async () => {
    const card = await anna.say(`open ${dealRef(deals.volvo!.id)}`);
    const copy = shownCard(card, 'Copy link');
    assert.ok(copy, 'a "Copy link" button');
    assert.ok(allText(copy.card as Json).includes(link(deals.volvo!)), 'the link, to copy');
    const draft = await anna.say(`open ${dealRef(deals.draft!.id)}`);
    assert.equal(shownCard(draft, 'Copy link'), undefined, 'a draft has no link to share');
    const page = await fetch(`${bot.url}/deals/${dealRef(deals.volvo!.id)}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, new RegExp(`open ${dealRef(deals.volvo!.id)}`));
    assert.doesNotMatch(html, /Volvo|Anna|In review/);
    assert.equal((await fetch(`${bot.url}/deals/not-a-deal`)).status, 404);
  });
});

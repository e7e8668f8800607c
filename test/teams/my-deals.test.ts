import assert from 'node:assert/strict';
import type { Deal } from '../../src/domain/deal.js';
import { dealRef } from '../../src/domain/deal-ref.js';
import type { Status } from '../../src/domain/status.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { ownerIndexKey } from '../../src/store/keys.js';
import { validAnswers } from '../support/answers.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { actions, allText, inputValues, type Json } from '../support/cards.js';
import { seed } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';

/** The deals a list card shows, top to bottom, by the ids its Open buttons carry. */
const listed = (card: Json) =>
  actions(card)
    .filter((a) => a.verb === 'deal.open')
    .map((a) => (a.data as { dealId: string }).dealId);
const titles = (card: Json) => actions(card).map((a) => a.title);

describe('My deals: the three pages, their filters, paging and the deal card', () => {
  let bot: BotUnderTest;
  let repo: DealRepository;
  before(async () => {
    bot = await new BotUnderTest().start();
    repo = new DealRepository(bot.bot.store);
  });
  after(async () => bot.stop());

  async function sellerWith(statuses: Status[], who: ConstructorParameters<typeof SellerClient>[1] = {}) {
    const seller = new SellerClient(bot, who);
    const deals: Deal[] = [];
    for (const [i, status] of statuses.entries()) {
      deals.push(
        await seed(repo, {
          tenantId: seller.who.tenantId,
          ownerId: seller.who.aadObjectId,
          status,
          companyName: `Customer ${String(i + 1).padStart(2, '0')}`,
          minutesAgo: 1000 - i, // the last seeded is the newest change
          comment: status === 'update_required' ? 'Please attach the signed date.' : undefined,
        }),
      );
    }
    return { seller, newestFirst: [...deals].reverse() };
  }

  it('shows each row’s D- reference, which "open D-…" then finds', async () => {
    const { seller, newestFirst } = await sellerWith(['in_review', 'incomplete']);
    const card = await seller.say('show me deals please');
    assert.match(allText(card), /My deals/, 'filler words around "deals" mean the overview');
    const list = await seller.say('in review');
    assert.match(allText(list), new RegExp(`${dealRef(newestFirst[1]!.id)} · `));
    assert.match(allText(await seller.say(`open ${dealRef(newestFirst[1]!.id)}`)), /Customer 01/);
  });

  it('"open <customer>" opens the seller’s own deal for it, lists several, and says so when there is none', async () => {
    const { seller, newestFirst } = await sellerWith(['in_review', 'approved', 'incomplete']);
    const other = await sellerWith(['in_review']);
    await repo.update(seller.who.tenantId, newestFirst[0]!.id, (d) => ({
      deal: { ...d, fields: { ...d.fields, customer: { ...d.fields.customer!, companyName: 'Fabrikam AB' } } },
      result: null,
    }));
    await repo.update(seller.who.tenantId, newestFirst[1]!.id, (d) => ({
      deal: { ...d, fields: { ...d.fields, customer: { ...d.fields.customer!, companyName: 'Contoso Nordic' } } },
      result: null,
    }));
    await repo.update(seller.who.tenantId, newestFirst[2]!.id, (d) => ({
      deal: { ...d, fields: { ...d.fields, customer: { ...d.fields.customer!, companyName: 'Contoso Ltd' } } },
      result: null,
    }));
    const one = await seller.say('open fabrikam');
    assert.match(allText(one), /Fabrikam AB/);
    assert.match(allText(one), new RegExp(dealRef(newestFirst[0]!.id)));
    const several = await seller.say('öppna contoso');
    assert.deepEqual(listed(several).sort(), [newestFirst[1]!.id, newestFirst[2]!.id].sort());
    assert.match(allText(several), /Your deals for “contoso”/);
    assert.match(
      allText(await seller.say('open Customer 01')),
      /no deal for a customer called “customer 01”/,
      'another seller’s customer is not yours',
    );
    assert.ok(other);
  });

  it('pages through 23 deals five at a time, forwards and back, newest change first', async () => {
    const { seller, newestFirst } = await sellerWith(Array(23).fill('in_review'));
    const ids = newestFirst.map((d) => d.id);
    let card = await seller.say('show my in-progress deals');
    assert.match(allText(card), /In progress/);
    const pages = [listed(card)];
    assert.deepEqual(
      titles(card).filter((t) => t === 'Previous' || t === 'Next'),
      ['Next'],
    );
    while (actions(card).some((a) => a.title === 'Next')) {
      card = await seller.click(card, 'Next');
      pages.push(listed(card));
    }
    assert.deepEqual(
      pages.map((p) => p.length),
      [5, 5, 5, 5, 3],
    );
    assert.deepEqual(pages.flat(), ids, 'every deal once, in order');
    assert.deepEqual(
      titles(card).filter((t) => t === 'Previous' || t === 'Next'),
      ['Previous'],
    );
    const back: string[][] = [];
    while (actions(card).some((a) => a.title === 'Previous')) {
      card = await seller.click(card, 'Previous');
      back.push(listed(card));
    }
    assert.deepEqual(back, pages.slice(0, 4).reverse(), 'Previous retraces the same pages');
  });

  it('shows each page with its filters', async () => {
    const statuses: Status[] = ['incomplete', 'update_required', 'in_review', 'approved', 'declined', 'incomplete', 'approved'];
    const { seller, newestFirst } = await sellerWith(statuses);
    const of = (...wanted: Status[]) => newestFirst.filter((d) => wanted.includes(d.status)).map((d) => d.id);

    let card = await seller.say('action required');
    assert.deepEqual(listed(card), of('incomplete', 'update_required'));
    assert.deepEqual(titles(card).slice(0, 3), ['All', 'Incomplete', 'Update required']);
    card = await seller.click(card, 'Update required');
    assert.deepEqual(listed(card), of('update_required'));
    assert.match(allText(card), /Showing: Update required/);
    card = await seller.click(card, 'Incomplete');
    assert.deepEqual(listed(card), of('incomplete'));

    assert.deepEqual(listed(await seller.say('closed')), of('approved', 'declined'));
    assert.deepEqual(listed(await seller.say('approved deals')), of('approved'));
    assert.deepEqual(listed(await seller.say('Declined!')), of('declined'));
    assert.deepEqual(listed(await seller.say('what needs my attention?')), of('incomplete', 'update_required'));
    assert.deepEqual(listed(await seller.say('cloesd')), of('approved', 'declined'), 'a typo is forgiven');
  });

  it('shows a row per deal: customer, solution, value, status, last change', async () => {
    const { seller } = await sellerWith(['in_review']);
    const text = allText(await seller.say('in review'));
    assert.match(text, /Customer 01/);
    assert.match(text, /Contoso AI Insights/);
    assert.match(text, /EUR 120,000\.00 · In review · changed /);
  });

  it('speaks Swedish', async () => {
    const { seller } = await sellerWith(['in_review', 'incomplete'], { locale: 'sv-SE' });
    const card = await seller.say('Visa mina pågående avtal');
    assert.match(allText(card), /Pågår/);
    assert.match(allText(card), /120 000,00 EUR · Granskas · ändrat /);
    const todo = await seller.say('åtgärd krävs');
    assert.deepEqual(titles(todo).slice(0, 3), ['Alla', 'Ofullständig', 'Uppdatering krävs']);
  });

  it('says when a page is empty and offers to register a deal', async () => {
    const seller = new SellerClient(bot);
    const card = await seller.say('closed');
    assert.match(allText(card), /There are no deals here/);
    assert.ok(titles(card).includes('Register a deal'));
  });

  it('answers gibberish with the help card', async () => {
    const card = await new SellerClient(bot).say('qwpoeiruty zxmcnb');
    assert.match(allText(card), /didn't understand/);
    assert.match(allText(card), /What I can do/);
    assert.deepEqual(titles(card), ['Register a deal', 'Action required', 'In progress', 'Closed']);
  });

  it('shows nobody else’s deals: not another user’s, not another tenant’s', async () => {
    const { seller: owner, newestFirst } = await sellerWith(['in_review', 'incomplete']);
    const colleague = new SellerClient(bot, { tenantId: owner.who.tenantId });
    const sameIdOtherTenant = new SellerClient(bot, { tenantId: 'tenant-fabrikam', aadObjectId: owner.who.aadObjectId });
    for (const intruder of [colleague, sameIdOtherTenant]) {
      assert.deepEqual(listed(await intruder.say('in progress')), []);
      assert.deepEqual(listed(await intruder.say('action required')), []);
      for (const deal of newestFirst) {
        for (const verb of ['deal.open', 'deal.update', 'deal.continue']) {
          const forged = await intruder.execute(verb, { dealId: deal.id });
          assert.match(allText(forged.card), /can't find that deal/, `${verb} on someone else's deal`);
        }
        const discard = await intruder.execute('deal.discard', { dealId: deal.id, version: deal.version });
        assert.match(allText(discard.card), /can't find that deal/);
        assert.match(allText(await intruder.say(`open ${dealRef(deal.id)}`)), /can't find that deal/);
        assert.match(allText(await intruder.say(`open ${deal.id}`)), /can't find that deal/);
      }
    }
    for (const deal of newestFirst) assert.equal((await repo.get(owner.who.tenantId, deal.id))?.version, deal.version, 'untouched');
  });

  it('opens a deal by the reference on its card', async () => {
    const { seller, newestFirst } = await sellerWith(['approved']);
    const card = await seller.say(`open ${dealRef(newestFirst[0]!.id).toLowerCase()}`);
    assert.match(allText(card), new RegExp(`Deal ${dealRef(newestFirst[0]!.id)}`));
  });

  it('shows every field, the status, the reviewer’s comment and the history on the deal card', async () => {
    const { seller } = await sellerWith(['update_required']);
    const card = await seller.click(await seller.say('update required'), 'Open');
    const text = allText(card);
    for (const expected of [
      'Status: Update required',
      'Customer 01',
      'Sweden',
      'Contoso AI Insights',
      'EUR 120,000.00',
      'Perpetual',
      'anna@fabrikam.example',
      "Deal desk's comment",
      'Please attach the signed date.',
      'History',
      'In review → Update required',
      'Incomplete → In review',
      'Created as Incomplete',
      'Deal Desk',
    ]) {
      assert.ok(text.includes(expected), `the deal card shows ${expected}:\n${text}`);
    }
  });

  const actionsByStatus: [Status, string[]][] = [
    ['incomplete', ['Continue', 'Yes, discard', 'Back to the list']],
    ['update_required', ['Update', 'Send', 'Back to the list']],
    ['in_review', ['Send', 'Yes, withdraw', 'Back to the list']],
    ['approved', ['Back to the list']],
    ['declined', ['Back to the list']],
  ];
  for (const [status, expected] of actionsByStatus) {
    it(`offers ${expected.join(', ')} on a deal that is ${status}`, async () => {
      const { seller, newestFirst } = await sellerWith([status]);
      const card = (await seller.execute('deal.open', { dealId: newestFirst[0]!.id })).card;
      assert.deepEqual(titles(card), expected);
    });
  }

  it('Discard, after its confirmation, removes a draft from the list', async () => {
    const { seller, newestFirst } = await sellerWith(['incomplete', 'incomplete']);
    let list = await seller.say('incomplete');
    const [newest] = listed(list);
    const detail = (await seller.execute('deal.open', { dealId: newest })).card;
    assert.match(allText(detail), /Discard this draft\? It was never registered/);
    const done = await seller.click(detail, 'Yes, discard');
    assert.match(allText(done), /The draft was discarded/);
    list = await seller.click(done, 'Action required');
    assert.deepEqual(listed(list), [newestFirst[1]!.id]);
    assert.equal(await repo.get(seller.who.tenantId, newest!), undefined);
    const gone = await seller.click(detail, 'Continue');
    assert.match(allText(gone), /can't find that deal: it may have been discarded/);
    assert.deepEqual(
      actions(gone).map((a) => a.title),
      ['My deals', 'Register a deal'],
      'no dead end',
    );
  });

  it('Discard refuses a deal that was registered since the card was shown', async () => {
    const seller = new SellerClient(bot);
    let card = await seller.say('register a deal');
    card = await seller.click(card, 'Next', validAnswers().customer);
    card = await seller.click(card, 'Cancel');
    const draft = (await repo.listByOwner(seller.who.tenantId, seller.who.aadObjectId, 'incomplete', 1))[0]!;
    const stale = await seller.execute('deal.discard', { dealId: draft.id, version: draft.version - 1 });
    assert.match(allText(stale.card), /out of date, so nothing was changed/);
    assert.ok(await repo.get(seller.who.tenantId, draft.id), 'still there');
  });

  it('Update opens the wizard with the deal’s values, and re-registering sends it back to review', async () => {
    const { seller, newestFirst } = await sellerWith(['update_required']);
    const deal = newestFirst[0]!;
    const detail = (await seller.execute('deal.open', { dealId: deal.id })).card;
    let card = await seller.click(detail, 'Update');
    assert.match(allText(card), /Update deal/);
    assert.match(allText(card), /Step 1 of 6/);
    assert.deepEqual(inputValues(card), { companyName: 'Customer 01', country: 'SE', city: 'Stockholm', state: '' });
    card = await seller.click(card, 'Next', { city: 'Uppsala' });
    assert.match(allText(card), /Check your deal/);
    card = await seller.click(card, 'Register');
    assert.match(allText(card), /Status: In review/);
    const stored = (await repo.get(seller.who.tenantId, deal.id))!;
    assert.equal(stored.fields.customer?.city, 'Uppsala');
    assert.deepEqual(stored.history.at(-1) && [stored.history.at(-1)!.from, stored.history.at(-1)!.to], ['update_required', 'in_review']);
    assert.deepEqual(listed(await seller.say('in progress')), [deal.id]);
    assert.deepEqual(listed(await seller.say('action required')), []);
  });

  it('Next on a page whose deals changed meanwhile says so, and skips or repeats nothing', async () => {
    const { seller, newestFirst } = await sellerWith(Array(12).fill('in_review'));
    const first = await seller.say('in progress');
    assert.deepEqual(
      listed(first),
      newestFirst.slice(0, 5).map((d) => d.id),
    );
    // Meanwhile a new deal arrives on the page and one on page 2 changes.
    const arrived = await seed(repo, {
      tenantId: seller.who.tenantId,
      ownerId: seller.who.aadObjectId,
      status: 'in_review',
      companyName: 'New',
      minutesAgo: 0,
    });
    const moved = newestFirst[7]!;
    await repo.update(seller.who.tenantId, moved.id, (d) => ({
      deal: { ...d, version: d.version + 1, updatedAt: new Date().toISOString() },
      result: null,
    }));
    const second = await seller.click(first, 'Next');
    assert.match(allText(second), /changed since it was shown/);
    assert.deepEqual(
      listed(second),
      newestFirst
        .slice(5)
        .filter((d) => d.id !== moved.id)
        .slice(0, 5)
        .map((d) => d.id),
    );
    const again = await seller.click(second, 'Previous');
    assert.deepEqual(
      listed(again),
      newestFirst.slice(0, 5).map((d) => d.id),
      'Previous from the stale card is still in order',
    );
    const fresh = await seller.say('in progress');
    assert.deepEqual(listed(fresh).slice(0, 2).sort(), [arrived.id, moved.id].sort(), 'changed deals move to the top');
  });

  it('never shows a phantom index entry, and clears it once it is clearly stale', async () => {
    const { seller, newestFirst } = await sellerWith(['in_review']);
    const old = new Date(Date.now() - 3_600_000).toISOString();
    await repo.indexes.upsert(ownerIndexKey(seller.who.tenantId, seller.who.aadObjectId, 'in_review'), {
      id: 'crashed-before-write',
      at: old,
      version: 1,
    });
    assert.deepEqual(listed(await seller.say('in progress')), [newestFirst[0]!.id]);
    const entries = await repo.indexes.entries(ownerIndexKey(seller.who.tenantId, seller.who.aadObjectId, 'in_review'));
    assert.deepEqual(
      entries.map((e) => e.id),
      [newestFirst[0]!.id],
    );
  });

  it('answers forged paging data with a message', async () => {
    const seller = new SellerClient(bot);
    for (const data of [
      { page: 'everything' },
      { page: 'closed', older: { at: 'yesterday', id: 'x' } },
      { page: 'closed', filter: 'deleted' },
    ]) {
      assert.match(allText((await seller.execute('deals.page', data)).card), /couldn't read/);
    }
    const mismatched = (await seller.execute('deals.page', { page: 'closed', filter: 'in_review' })).card;
    assert.match(allText(mismatched), /Closed/, 'a filter from another page is ignored');
  });
  it('Continue on a draft’s card opens the wizard where the seller left it', async () => {
    const seller = new SellerClient(bot);
    let card = await seller.say('register a deal');
    card = await seller.click(card, 'Next', { companyName: 'Half done', country: 'SE', city: 'Lund' });
    card = await seller.click(card, 'Cancel');
    const list = await seller.say('incomplete');
    card = await seller.click(await seller.click(list, 'Open'), 'Continue');
    assert.match(allText(card), /Step 2 of 6/);
    card = await seller.click(card, 'Back');
    assert.equal(inputValues(card).companyName, 'Half done');
  });
});

import assert from 'node:assert/strict';
import { DealRepository } from '../../src/store/deal-repository.js';
import { STEP_ORDER, validAnswers } from '../support/answers.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { actions, allText, inputValues, type Json } from '../support/cards.js';
import { toSummary } from '../support/register-deal.js';
import { SellerClient } from '../support/seller-client.js';

describe('moving around the wizard', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest().start();
  });
  after(async () => bot.stop());

  const answers = validAnswers();

  it('Back and Cancel carry no inputs, so required fields never block them; what Next saved stays', async () => {
    const first = await new SellerClient(bot).say('register a deal');
    const frame = actions(first);
    for (const verb of ['wizard.back', 'wizard.cancel']) {
      const button = frame.find((a) => a.verb === verb);
      if (button) assert.equal(button.associatedInputs, 'none', verb);
    }
    const inputsOf = (card: Json) => JSON.stringify(card.body).match(/"isRequired":true/g)?.length ?? 0;
    assert.equal(inputsOf(first), 3, 'company name, country and city are required on the customer step');
  });

  it('Back shows the step as saved', async () => {
    const seller = new SellerClient(bot);
    let card = await seller.say('register a deal');
    card = await seller.click(card, 'Next', answers.customer);
    card = await seller.click(card, 'Back', { solutionId: 'contoso-data-platform', contractType: '' });
    assert.deepEqual(inputValues(card), answers.customer);
  });

  it('Cancel keeps the draft; "continue" resumes at the same step with the values saved', async () => {
    const seller = new SellerClient(bot);
    let card = await seller.say('register a deal');
    card = await seller.click(card, 'Next', answers.customer);
    card = await seller.click(card, 'Next', answers.solution);
    card = await seller.click(card, 'Cancel');
    assert.match(allText(card), /Your draft is saved/);
    card = await seller.say('continue');
    assert.match(allText(card), /Step 3 of 6: Value/);
    card = await seller.click(card, 'Back');
    assert.deepEqual(inputValues(card), answers.solution);
  });

  it('Cancel on a draft nobody put anything in keeps nothing: no draft listed, none to continue', async () => {
    const seller = new SellerClient(bot);
    let card = await seller.say('register a deal');
    card = await seller.click(card, 'Cancel', { companyName: '', country: '', city: '', state: '' });
    assert.match(allText(card), /Nothing was saved: the draft was empty/);
    assert.deepEqual(await new DealRepository(bot.bot.store).idsOfOwner('tenant-contoso', seller.who.aadObjectId), []);
    assert.match(allText(await seller.click(card, 'Register a deal')), /Step 1 of 6/);
  });

  it('"continue" opens the draft changed last, not the one started last', async () => {
    const seller = new SellerClient(bot);
    const repo = new DealRepository(bot.bot.store);
    await seller.click(await seller.say('register a deal'), 'Next', { ...answers.customer, companyName: 'First Draft AB' });
    await seller.click(await seller.say('new deal'), 'Next', { ...answers.customer, companyName: 'Second Draft AB' });
    const drafts = await repo.listByOwner('tenant-contoso', seller.who.aadObjectId, 'incomplete', 5);
    const first = drafts.find((d) => d.fields.customer?.companyName === 'First Draft AB')!;
    await repo.update('tenant-contoso', first.id, (d) => ({
      deal: { ...d, version: d.version + 1, updatedAt: new Date(Date.now() + 60_000).toISOString() },
      result: null,
    }));
    const card = await seller.click(await seller.say('continue'), 'Back');
    assert.equal(inputValues(card).companyName, 'First Draft AB');
  });

  it('the Continue button on the saved-draft card resumes too', async () => {
    const seller = new SellerClient(bot);
    let card = await seller.say('new deal');
    card = await seller.click(card, 'Next', answers.customer);
    card = await seller.click(card, 'Cancel');
    card = await seller.click(card, 'Continue');
    assert.match(allText(card), /Step 2 of 6/);
  });

  it('a typed step a client did send with Back or Cancel is kept for when the seller returns', async () => {
    const seller = new SellerClient(bot);
    const card = await seller.say('register a deal');
    const cancel = actions(card).find((a) => a.verb === 'wizard.cancel')!;
    await seller.execute('wizard.cancel', { ...(cancel.data as Json), companyName: 'Half typed' });
    assert.equal(inputValues(await seller.say('continue')).companyName, 'Half typed');
  });

  it('"continue" with no draft says so and offers to start one', async () => {
    const seller = new SellerClient(bot);
    const card = await seller.say('continue');
    assert.match(allText(card), /no draft to continue/);
    assert.deepEqual(
      actions(card).map((a) => a.title),
      ['Register a deal'],
    );
  });

  it('Edit on the summary opens that step, and Next returns to the summary', async () => {
    const seller = new SellerClient(bot);
    let card = await toSummary(seller);
    card = await seller.click(card, 'Edit Customer');
    assert.deepEqual(inputValues(card), answers.customer);
    card = await seller.click(card, 'Next', { city: 'Göteborg' });
    assert.match(allText(card), /Check your deal/);
    assert.match(allText(card), /Göteborg/);
  });

  it('Back on the summary opens the contact step', async () => {
    const seller = new SellerClient(bot);
    let card = await toSummary(seller);
    card = await seller.click(card, 'Back');
    assert.match(allText(card), /Step 6 of 6/);
  });

  it('the same button clicked twice on one card answers with the card the first click produced, changing nothing', async () => {
    const seller = new SellerClient(bot);
    const first = await seller.say('register a deal');
    const second = await seller.click(first, 'Next', answers.customer);
    const again = await seller.click(first, 'Next', { ...answers.customer, companyName: 'Overwritten' });
    assert.deepEqual(again, second, 'the same card, not "out of date"');
    const back = await seller.click(second, 'Back');
    assert.equal(inputValues(back).companyName, 'Fabrikam AB', 'the second click did not overwrite anything');
  });

  it('an older card clicked again changes nothing and shows where the deal stands', async () => {
    const seller = new SellerClient(bot);
    const first = await seller.say('register a deal');
    const second = await seller.click(first, 'Next', answers.customer);
    await seller.click(second, 'Next', answers.solution);
    const stale = await seller.click(first, 'Next', { ...answers.customer, companyName: 'Overwritten' });
    assert.match(allText(stale), /out of date, so nothing was changed/);
    assert.match(allText(stale), /Step 3 of 6/);
  });

  it('Register clicked twice shows the registration and its reference both times; one deal is made', async () => {
    const seller = new SellerClient(bot);
    const summary = await toSummary(seller);
    const first = await seller.click(summary, 'Register');
    const again = await seller.click(summary, 'Register');
    assert.match(allText(first), /Deal registered/);
    assert.match(allText(first), /Deal D-[0-9A-F]{8}/);
    assert.deepEqual(again, first);
    const repo = new DealRepository(bot.bot.store);
    assert.equal((await repo.listByOwner(seller.who.tenantId, seller.who.aadObjectId, 'in_review', 10)).length, 1, 'one deal');
    assert.equal((await repo.listByOwner(seller.who.tenantId, seller.who.aadObjectId, 'incomplete', 10)).length, 0);
  });

  it('a card of a deal already registered says so and shows the read-only summary', async () => {
    const seller = new SellerClient(bot);
    let card = await seller.say('register a deal');
    for (const step of STEP_ORDER.slice(0, 5)) card = await seller.click(card, 'Next', answers[step]);
    const contactStep = card;
    card = await seller.click(card, 'Next', answers.contact);
    await seller.click(card, 'Register');
    const late = await seller.click(contactStep, 'Next', answers.contact);
    assert.match(allText(late), /This deal is In review and can no longer be changed/);
    assert.deepEqual(
      actions(late).map((a) => a.title),
      ['Send', 'Yes, withdraw', 'Back to the list'],
    );
  });

  it('a quick second Next on a fresh step (a double click) checks nothing and asks to fill the step in', async () => {
    const seller = new SellerClient(bot);
    const first = await seller.say('register a deal');
    const second = await seller.click(first, 'Next', answers.customer);
    const empty = await seller.click(second, 'Next', { solutionId: '', contractType: '' });
    assert.match(allText(empty), /Fill in this step, then choose Next/);
    assert.doesNotMatch(allText(empty), /Please fix the fields/);
    assert.match(allText(await seller.click(empty, 'Next', answers.solution)), /Step 3 of 6/);
  });

  it('after Back twice, Next walks forward through the steps already done', async () => {
    const seller = new SellerClient(bot);
    let card = await seller.say('register a deal');
    for (const step of STEP_ORDER.slice(0, 3)) card = await seller.click(card, 'Next', answers[step]);
    assert.match(allText(card), /Step 4 of 6/);
    card = await seller.click(card, 'Back');
    card = await seller.click(card, 'Back');
    assert.match(allText(card), /Step 2 of 6/);
    card = await seller.click(card, 'Next');
    assert.match(allText(card), /Step 3 of 6/, 'not straight to the first empty step');
    card = await seller.click(card, 'Next');
    assert.match(allText(card), /Step 4 of 6/);
  });

  it('a deal id that is not the seller’s own is "not found", whatever the card says', async () => {
    const owner = new SellerClient(bot);
    const card = await owner.say('register a deal');
    const dealId = (actions(card)[0]!.data as { dealId: string }).dealId;
    const intruders = [
      new SellerClient(bot), // another user in the same tenant
      new SellerClient(bot, { tenantId: 'tenant-other', aadObjectId: owner.who.aadObjectId }), // same user id, other tenant
    ];
    for (const intruder of intruders) {
      const forged = await intruder.execute('wizard.next', { dealId, version: 1, step: 'customer', companyName: 'Hijacked' });
      assert.match(allText(forged.card), /can't find that deal/);
      const resumed = await intruder.execute('deal.continue', { dealId });
      assert.match(allText(resumed.card), /can't find that deal/);
    }
    const stored = await new DealRepository(bot.bot.store).get(owner.who.tenantId, dealId);
    assert.equal(stored?.version, 1, 'the owner’s deal was not touched');
    assert.equal(stored?.wizard.inputs.customer, undefined);
  });

  it('answers unreadable card data and unknown verbs with a message, never an error', async () => {
    const seller = new SellerClient(bot);
    const bad = await seller.execute('wizard.next', { dealId: 'x', version: 'not a number', step: 'customer' });
    assert.match(allText(bad.card), /couldn't read/);
    const wrongType = await seller.execute('wizard.next', { dealId: 'x', version: 1, step: 'customer', companyName: { $gt: '' } });
    assert.match(allText(wrongType.card), /couldn't read/);
    const unknown = await seller.execute('deal.explode', {});
    assert.match(allText(unknown.card), /That button isn't one I know/);
  });

  it('answers text it does not understand with what it can do', async () => {
    const seller = new SellerClient(bot, { locale: 'sv-SE' });
    const card = await seller.say('asdfgh');
    assert.match(allText(card), /förstod tyvärr inte/);
    assert.deepEqual(
      actions(card).map((a) => a.title),
      ['Registrera ett avtal', 'Åtgärd krävs', 'Pågår', 'Stängd'],
    );
  });

  it('"My deals" counts the seller’s deals on each page', async () => {
    const seller = new SellerClient(bot);
    await seller.click(await toSummary(seller), 'Register');
    await seller.say('register a deal');
    const card = await seller.click(await seller.install(), 'My deals');
    assert.deepEqual(
      actions(card).map((a) => a.title),
      ['Action required (1)', 'In progress (1)', 'Closed (0)', 'Register a deal'],
    );
  });
});

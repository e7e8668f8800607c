import assert from 'node:assert/strict';
import { DealRepository } from '../../src/store/deal-repository.js';
import { API_KEYS_ENV, ApiClient, KEYS } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { actions, allText, inputValues } from '../support/cards.js';
import { SellerClient } from '../support/seller-client.js';

describe('referrals reported Won by an integration', () => {
  let bot: BotUnderTest;
  let api: ApiClient;
  before(async () => {
    bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV }).start();
    api = new ApiClient(bot.url, KEYS.integration);
  });
  after(async () => bot.stop());

  const referral = (owner: object, referralId = `crm-${Math.random()}`) => ({
    referralId,
    owner,
    customer: { companyName: 'Northwind Traders', country: 'SE', city: 'Malmö' },
    solutionId: 'contoso-data-platform',
    contractType: 'new',
    currency: 'EUR',
    totalValue: '250000',
  });

  it('creates an Incomplete deal on the owner’s Action required page, filled in as far as known', async () => {
    const seller = new SellerClient(bot, { tenantId: 'tenant-contoso' });
    const res = await api.request('POST', '/api/v1/referrals', referral({ aadObjectId: seller.who.aadObjectId }));
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'incomplete');
    assert.equal(res.body.source, 'referral');
    assert.equal(res.headers.get('location'), `/api/v1/deals/${res.body.id}`);
    assert.deepEqual(res.body.fields.customer, { companyName: 'Northwind Traders', country: 'SE', city: 'Malmö' });
    assert.deepEqual(res.body.typedIn, { value: { currency: 'EUR', totalValue: '250000' } }, 'a value the value step does not take alone');

    const stored = await new DealRepository(bot.bot.store).get('tenant-contoso', res.body.id);
    assert.deepEqual(
      stored?.outbox.map((o) => o.kind),
      ['referral_created'],
      'the owner’s notification is recorded',
    );

    const list = await seller.say('action required');
    assert.match(allText(list), /Northwind Traders/);
    const open = actions(list).find((a) => a.verb === 'deal.open')!;
    const card = await seller.click(await seller.click(list, open.title as string), 'Continue');
    assert.match(allText(card), /Step 3 of 6/, 'customer and solution are done: the wizard starts at the value');
    assert.deepEqual(inputValues(card), { billingModel: '', currency: 'EUR', totalValue: '250000', solutionValue: '' });
  });

  it('fills in the value step when the referral gives the billing model and the solution value too', async () => {
    const res = await api.request('POST', '/api/v1/referrals', {
      ...referral({ aadObjectId: 'seller-full-value' }),
      billingModel: 'fixed',
      solutionValue: '200000',
    });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.fields.value, { billingModel: 'fixed', currency: 'EUR', totalValue: '250000', solutionValue: '200000' });
    assert.equal(res.body.typedIn, undefined);
  });

  it('reporting the same referral again returns the same deal', async () => {
    const body = referral({ aadObjectId: 'seller-repeat' }, 'crm-42');
    const first = await api.request('POST', '/api/v1/referrals', body);
    const again = await api.request('POST', '/api/v1/referrals', body);
    assert.deepEqual([first.status, again.status], [201, 200]);
    assert.equal(again.body.id, first.body.id);
  });

  it('names the owner by email once Dealbot has met them; before that, says how to fix it', async () => {
    const email = 'lena.berg@contoso.example';
    const unknown = await api.request('POST', '/api/v1/referrals', referral({ email }));
    assert.equal(unknown.status, 422);
    assert.ok(unknown.body.errors['owner.email']);
    const seller = new SellerClient(bot, { tenantId: 'tenant-contoso' });
    bot.connector.members.set(seller.who.userId, { givenName: 'Lena', surname: 'Berg', email });
    await seller.say('register a deal'); // reads the profile, so Dealbot now knows the email
    const known = await api.request('POST', '/api/v1/referrals', referral({ email }));
    assert.equal(known.status, 201);
    assert.equal(known.body.ownerId, seller.who.aadObjectId);
  });

  it('keeps a referral in its tenant', async () => {
    const seller = new SellerClient(bot, { tenantId: 'tenant-fabrikam' });
    await api.request('POST', '/api/v1/referrals', referral({ aadObjectId: seller.who.aadObjectId }));
    assert.match(allText(await seller.say('action required')), /There are no deals here/);
  });

  it('refuses a referral without an owner, or with an unknown field, naming the field', async () => {
    const res = await api.request('POST', '/api/v1/referrals', { referralId: 'x', customer: { companyName: 'A', vat: '1' } });
    assert.equal(res.status, 400);
    assert.ok(res.body.errors.owner);
    assert.equal(res.body.errors['customer.vat'], 'unknown field');
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DealRepository } from '../../src/store/deal-repository.js';
import { API_KEYS_ENV, ApiClient, KEYS } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { registerDeal } from '../support/register-deal.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';
const ERASED = '[erased]';

describe("a person's data: export and erasure (admin keys)", () => {
  let bot: BotUnderTest;
  let admin: ApiClient;
  let reviewer: ApiClient;
  let anna: SellerClient;
  let olle: SellerClient;
  before(async () => {
    bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV }).start();
    admin = new ApiClient(bot.url, KEYS.admin);
    reviewer = new ApiClient(bot.url, KEYS.reviewer);
    anna = new SellerClient(bot, { tenantId: TENANT, name: 'Anna Svensson' });
    olle = new SellerClient(bot, { tenantId: TENANT, name: 'Olle Berg' });
    bot.connector.members.set(anna.who.userId, { givenName: 'Anna', surname: 'Svensson', email: 'anna.svensson@contoso.example' });
    await anna.install();
    await olle.install();
    await registerDeal(anna);
    // Olle's deal names a customer contact: Karin, whose email is all the bot knows of her.
    await registerDeal(olle, { contact: { firstName: 'Karin', lastName: 'Lund', email: 'karin.lund@fabrikam.example' } });
  });
  after(async () => bot.stop());

  const data = (person: string) => admin.request('GET', `/api/v1/people/${encodeURIComponent(person)}/data`);
  const erase = (person: string) => admin.request('POST', `/api/v1/people/${encodeURIComponent(person)}/erase`, {});
  const dealsOf = async () => new DealRepository(bot.bot.store).allOfTenant(TENANT);

  it('exports everything stored about a person, found by Entra id or by the email on their profile', async () => {
    const byId = await data(anna.who.aadObjectId);
    assert.equal(byId.status, 200);
    assert.equal(byId.body.ownedDeals.length, 1);
    assert.equal(byId.body.ownedDeals[0].ownerName, 'Anna Svensson');
    assert.ok(byId.body.historyEntries.length >= 2, 'created and registered');
    assert.equal(byId.body.conversationReference.userId, anna.who.aadObjectId);
    assert.equal(byId.body.person.email, 'anna.svensson@contoso.example');
    const byEmail = await data('anna.svensson@contoso.example');
    assert.equal(byEmail.body.person.userId, anna.who.aadObjectId);
    assert.equal(byEmail.body.ownedDeals.length, 1);
    const contact = await data('karin.lund@fabrikam.example');
    assert.equal(contact.body.contactInDeals.length, 1);
    assert.equal(contact.body.contactInDeals[0].fields.contact.lastName, 'Lund');
    assert.equal(contact.body.ownedDeals.length, 0);
  });

  it('erases a person everywhere they appear, keeps the deals, records the erasure, and leaves others alone', async () => {
    const before = await dealsOf();
    const olleBefore = before.find((d) => d.ownerId === olle.who.aadObjectId)!;
    const erased = await erase(anna.who.aadObjectId);
    assert.equal(erased.status, 200);
    assert.deepEqual(erased.body, { deals: 1, conversationReferenceRemoved: true });
    const after = await dealsOf();
    assert.equal(after.length, before.length, 'the deals are kept');
    const hers = after.find((d) => d.id !== olleBefore.id)!;
    assert.equal(hers.ownerId, ERASED);
    assert.equal(hers.ownerName, ERASED);
    assert.ok(hers.history.filter((h) => h.kind !== 'erased').every((h) => h.by === ERASED && h.byName === ERASED));
    const last = hers.history.at(-1)!;
    assert.equal(last.kind, 'erased');
    assert.equal(last.comment, 'erased on request');
    assert.doesNotMatch(JSON.stringify(hers), new RegExp(anna.who.aadObjectId));
    assert.doesNotMatch(JSON.stringify(hers), /Anna Svensson|anna\.svensson/);
    assert.deepEqual(
      after.find((d) => d.id === olleBefore.id),
      olleBefore,
      "another person's deal is untouched",
    );
    const now = await data(anna.who.aadObjectId);
    assert.deepEqual([now.body.ownedDeals, now.body.historyEntries, now.body.conversationReference], [[], [], undefined]);
    assert.equal((await data('anna.svensson@contoso.example')).body.person.userId, undefined, 'the directory forgot her email');
    // The audit says what happened, never about whom.
    const audit = bot.logs.lines.filter((l) => /erased on request/.test(l));
    assert.equal(audit.length, 1);
    assert.doesNotMatch(audit[0]!, new RegExp(`${anna.who.aadObjectId}|anna\\.svensson|Anna`));
    // Idempotent.
    assert.deepEqual((await erase(anna.who.aadObjectId)).body, { deals: 0, conversationReferenceRemoved: false });
    assert.equal((await dealsOf()).find((d) => d.id === hers.id)!.history.filter((h) => h.kind === 'erased').length, 1);
  });

  it("erases a registration contact's name, phone and email by email", async () => {
    assert.deepEqual((await erase('karin.lund@fabrikam.example')).body, { deals: 1, conversationReferenceRemoved: false });
    const deal = (await dealsOf()).find((d) => d.ownerId === olle.who.aadObjectId)!;
    assert.deepEqual(deal.fields.contact, { firstName: ERASED, lastName: ERASED, phone: ERASED, email: ERASED });
    assert.equal(deal.ownerName, 'Olle Berg', 'the owner is not the one erased');
    const view = await reviewer.request('GET', `/api/v1/deals/${deal.id}`);
    assert.equal(view.body.history.at(-1).kind, 'erased');
  });

  it('refuses reviewer and integration keys (403), and a malformed email (400)', async () => {
    for (const key of [KEYS.reviewer, KEYS.integration]) {
      const other = new ApiClient(bot.url, key);
      assert.equal((await other.request('GET', `/api/v1/people/${olle.who.aadObjectId}/data`)).status, 403);
      assert.equal((await other.request('POST', `/api/v1/people/${olle.who.aadObjectId}/erase`, {})).status, 403);
    }
    const bad = await data('not@an@email');
    assert.equal(bad.status, 400);
  });

  it('takes an erasure with no body and no Content-Type, and asks for a key before anything else', async () => {
    const url = `${bot.url}/api/v1/people/${encodeURIComponent('nobody@contoso.example')}/erase`;
    const bare = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${KEYS.admin}` } });
    assert.equal(bare.status, 200);
    const noKey = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    assert.equal(noKey.status, 401, '401 before 415');
  });

  it('names the person in the audit log by a keyed hash a guess list cannot reverse', async () => {
    const person = 'karin.lund@fabrikam.example';
    await data(person);
    const line = bot.logs.lines
      .map((l) => JSON.parse(l) as { msg?: string; subject?: string })
      .filter((l) => l.msg === "a person's data was exported")
      .at(-1);
    assert.match(line?.subject ?? '', /^[0-9a-f]{16}$/);
    const guessed = createHash('sha256').update(`${TENANT}:${person}`).digest('hex').slice(0, 16);
    assert.notEqual(line?.subject, guessed, 'not the plain hash of tenant and person');
    assert.ok(!bot.logs.lines.some((l) => l.includes(person)), 'the email itself is never logged');
  });
});

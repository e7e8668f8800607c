import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DealRepository } from '../../src/store/deal-repository.js';
import { STEP_ORDER, validAnswers } from '../support/answers.js';
import { API_KEYS_ENV, ApiClient, KEYS } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { allText, inputValues, type Json } from '../support/cards.js';
import { FileHost } from '../support/file-host.js';
import { docxOf } from '../support/office-files.js';
import { SellerClient } from '../support/seller-client.js';

const TENANT = 'tenant-contoso';
const PDF = readFileSync(new URL('../fixtures/files/order-confirmation.pdf', import.meta.url));
const EML = readFileSync(new URL('../fixtures/files/win.eml', import.meta.url));

/** The link on a card that opens a file, by the file's name. */
function linkTo(card: Json, name: string): string | undefined {
  return new RegExp(`\\[${name.replace('.', '\\.')}\\]\\((http[^)]+)\\)`).exec(JSON.stringify(card))?.[1];
}

describe('files on a deal: sent in Teams, kept, listed, opened by those who may', () => {
  let host: FileHost;
  let bot: BotUnderTest;
  let anna: SellerClient;
  before(async () => {
    host = await new FileHost({
      '/contract.pdf': PDF,
      '/win.eml': EML,
      '/notes.txt': Buffer.from('just some notes, not a contract'),
      '/huge.bin': 'endless',
      '/big.pdf': Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)]),
      '/order.docx': docxOf(
        ['Purchase order 118'],
        [
          ['Customer', 'Wingtip Toys Oy'],
          ['Country', 'Finland'],
          ['Total value', 'EUR 64,000'],
        ],
      ),
    }).start();
    bot = await new BotUnderTest({
      FILE_DOWNLOAD_HOSTS: `*.sharepoint.com, ${host.url}`,
      MAX_FILE_BYTES: String(1024 * 1024),
      MAX_FILES_PER_DEAL: '3',
      REVIEWERS: `${TENANT}:reviewer-1`,
      API_KEYS: API_KEYS_ENV,
    }).start();
    anna = new SellerClient(bot, { tenantId: TENANT, name: 'Anna Svensson' });
    await anna.install();
  });
  after(async () => {
    await bot.stop();
    await host.stop();
  });

  it('a contract sent on its own starts a draft that holds it, listed with a link that opens it for its seller', async () => {
    const card = await anna.sendFiles([{ name: 'contract.pdf', downloadUrl: `${host.url}/contract.pdf` }]);
    assert.match(allText(card), /I started a deal for contract\.pdf/);
    // What the contract says is on the draft, marked to check, as if the seller had typed it.
    assert.match(
      allText(card),
      /I read Company name, Country\/region, City, Currency, Total contract value, Contract start date, Signed contract date from contract\.pdf/,
    );
    assert.match(allText(card), /Read from contract\.pdf, check it: Company name, Country\/region, City/);
    assert.equal(inputValues(card).companyName, 'Fabrikam AB');
    assert.equal(inputValues(card).country, 'SE');
    assert.equal(inputValues(card).city, 'Stockholm');
    const [draft] = await new DealRepository(bot.bot.store).listByOwner(TENANT, anna.who.aadObjectId, 'incomplete', 1);
    assert.equal(draft?.files.length, 1);
    assert.equal(draft?.files[0]?.kind, 'pdf');
    assert.equal(draft?.files[0]?.bytes, PDF.length);
    assert.match(draft?.files[0]?.sha256 ?? '', /^[0-9a-f]{64}$/);
    const link = linkTo(card, 'contract.pdf');
    assert.ok(link, 'the card links the file');
    const opened = await fetch(link.replace(/^https?:\/\/[^/]+/, bot.url));
    assert.equal(opened.status, 200);
    assert.equal(opened.headers.get('content-type'), 'application/pdf');
    assert.match(opened.headers.get('content-disposition') ?? '', /attachment; filename="contract\.pdf"/);
    assert.equal(opened.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await opened.arrayBuffer()), PDF);
  });

  it('a second file joins the same draft; the same content again is kept once; an email is taken by its header', async () => {
    const second = await anna.sendFiles([{ name: 'win.eml', downloadUrl: `${host.url}/win.eml` }]);
    assert.match(allText(second), /win\.eml is on the deal now/);
    const again = await anna.sendFiles([{ name: 'contract (1).pdf', downloadUrl: `${host.url}/contract.pdf` }]);
    assert.match(allText(again), /contract\.pdf is already on the deal/);
    const [draft] = await new DealRepository(bot.bot.store).listByOwner(TENANT, anna.who.aadObjectId, 'incomplete', 1);
    assert.deepEqual(
      draft?.files.map((f) => [f.name, f.kind]),
      [
        ['contract.pdf', 'pdf'],
        ['win.eml', 'eml'],
      ],
    );
  });

  it('refuses what it does not keep, says why, and fetches nothing from a host Teams does not use', async () => {
    const asked = host.asked.length;
    const forged = await anna.sendFiles([{ name: 'x.pdf', downloadUrl: 'http://169.254.169.254/latest/meta-data' }]);
    assert.match(allText(forged), /could not fetch x\.pdf/);
    const lookalike = await anna.sendFiles([{ name: 'y.pdf', downloadUrl: 'https://contoso.sharepoint.com.evil.example/y.pdf' }]);
    assert.match(allText(lookalike), /could not fetch y\.pdf/);
    assert.equal(host.asked.length, asked, 'nothing was fetched');
    const text = await anna.sendFiles([{ name: 'notes.txt', downloadUrl: `${host.url}/notes.txt` }]);
    assert.match(
      allText(text),
      /I keep PDF, PNG, JPEG, Word \(\.docx\), Excel \(\.xlsx\) and email \(\.eml, \.msg\) files; notes\.txt is none of these/,
    );
    const big = await anna.sendFiles([{ name: 'big.pdf', downloadUrl: `${host.url}/big.pdf` }]);
    assert.match(allText(big), /big\.pdf is larger than 1 MB/);
    const endless = await anna.sendFiles([{ name: 'huge.pdf', downloadUrl: `${host.url}/huge.bin` }]);
    assert.match(allText(endless), /huge\.pdf is larger than 1 MB/, 'counted while it streams, and cut');
  });

  it('a deal holds at most MAX_FILES_PER_DEAL files', async () => {
    const repo = new DealRepository(bot.bot.store);
    const [draft] = await repo.listByOwner(TENANT, anna.who.aadObjectId, 'incomplete', 1);
    await repo.update(TENANT, draft!.id, (d) => ({
      deal: { ...d, files: [...d.files, { ...d.files[0]!, id: 'f'.repeat(32), sha256: 'a'.repeat(64), name: 'third.pdf' }] },
      result: null,
    }));
    const full = await anna.sendFiles([{ name: 'fourth.eml', downloadUrl: `${host.url}/win.eml` }]);
    assert.match(allText(full), /A deal holds at most 3 files/);
  });

  it('only the seller opens it: a changed, another user’s or an expired link opens nothing', async () => {
    const card = await anna.say('continue');
    const link = linkTo(card, 'contract.pdf')!.replace(/^https?:\/\/[^/]+/, bot.url);
    const [payload, signature] = link.split('/files/')[1]!.split('.');
    const grant = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...grant, v: 'someone-else' })).toString('base64url');
    for (const bad of [`${forged}.${signature}`, `${payload}.${'A'.repeat(43)}`, 'nothing', `${payload}`]) {
      const res = await fetch(`${bot.url}/files/${bad}`);
      assert.equal(res.status, 404, bad.slice(0, 20));
      assert.doesNotMatch(await res.text(), /Fabrikam|%PDF/);
    }
    bot.clock.advance(25 * 3_600_000);
    assert.equal((await fetch(link)).status, 404, 'expired after a day');
  });

  it('once registered, the desk sees the files over the API, with a link for the caller that opens them', async () => {
    const answers = validAnswers();
    let card = await anna.say('continue');
    for (const step of STEP_ORDER) card = await anna.click(card, 'Next', answers[step]);
    card = await anna.click(card, 'Register');
    const [registered] = await new DealRepository(bot.bot.store).listByOwner(TENANT, anna.who.aadObjectId, 'in_review', 1);
    assert.ok(registered, allText(card));
    const api = new ApiClient(bot.url, KEYS.reviewer);
    const view = await api.request('GET', `/api/v1/deals/${registered.id}`);
    assert.equal(view.status, 200);
    const pdf = view.body.files.find((f: { name: string }) => f.name === 'contract.pdf');
    assert.equal(pdf.kind, 'pdf');
    assert.equal(pdf.bytes, PDF.length);
    const opened = await fetch(pdf.url.replace(/^https?:\/\/[^/]+/, bot.url));
    assert.deepEqual(Buffer.from(await opened.arrayBuffer()), PDF);
    assert.equal(
      (await api.as(KEYS.otherTenant).request('GET', `/api/v1/deals/${registered.id}`)).status,
      404,
      'another tenant: no deal, no link',
    );
  });

  it('the desk opens the contract from the review card; another seller or tenant, or nobody signed in, cannot', async () => {
    const rita = new SellerClient(bot, {
      tenantId: TENANT,
      conversationType: 'personal',
      aadObjectId: 'reviewer-1',
      userId: '29:reviewer-1',
      name: 'Rita Reviewer',
    });
    const queue = await rita.say('review queue');
    const review = await rita.click(queue, 'Open');
    assert.match(allText(review), /Fabrikam AB/);
    const link = linkTo(review, 'contract.pdf');
    assert.ok(link, `the review card links the contract: ${allText(review)}`);
    const opened = await fetch(link.replace(/^https?:\/\/[^/]+/, bot.url));
    assert.equal(opened.status, 200);
    assert.deepEqual(Buffer.from(await opened.arrayBuffer()), PDF);

    const [registered] = await new DealRepository(bot.bot.store).listByOwner(TENANT, anna.who.aadObjectId, 'in_review', 1);
    const dan = new SellerClient(bot, { tenantId: TENANT, name: 'Dan Dahl' });
    await dan.install();
    assert.doesNotMatch(JSON.stringify(await dan.say('my deals')), /\/files\//, 'another seller gets no link');
    const api = new ApiClient(bot.url, KEYS.reviewer);
    for (const [who, status] of [
      [api.as(KEYS.otherTenant), 404],
      [api.as(undefined), 401],
    ] as const) {
      const res = await who.request('GET', `/api/v1/deals/${registered!.id}`);
      assert.equal(res.status, status);
      assert.doesNotMatch(JSON.stringify(res.body), /\/files\//);
    }
    const token = link.split('/files/')[1]!;
    assert.equal(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).as, 'desk', 'a link for the desk');
    const otherTenant = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()), t: 'tenant-other' }),
    ).toString('base64url');
    assert.equal((await fetch(`${bot.url}/files/${otherTenant}.${token.split('.')[1]}`)).status, 404, 'a grant moved to another tenant');
  });

  it('a pasted win email fills a draft too, marked as read from the message; chatter does not', async () => {
    const ben = new SellerClient(bot, { tenantId: TENANT, name: 'Ben Berg' });
    await ben.install();
    const card = await ben.say(
      'From: Olivia Hart <olivia@northwind.example>\nSubject: Signed!\n\nCustomer: Northwind Traders Ltd\nCountry: United Kingdom\nWe signed today: the total is GBP 180,000, starting 1 February 2027.',
    );
    assert.match(allText(card), /That reads like a won deal, so I started one from it/);
    assert.match(
      allText(card),
      /I read Company name, Country\/region, Currency, Total contract value, Contract start date, Signed contract date from your message|I read .*Company name.* from your message/,
    );
    assert.match(allText(card), /Read from your message, check it: Company name, Country\/region/);
    assert.equal(inputValues(card).companyName, 'Northwind Traders Ltd');
    assert.match(allText(await ben.say('what a lovely day it is')), /I didn't understand|Here's what I can do|didn’t/i);
  });

  it('"Register as a deal" on a message in a channel starts a draft from it in the seller’s own chat', async () => {
    const cleo = new SellerClient(bot, { tenantId: TENANT, name: 'Cleo Berg' });
    await cleo.install();
    const value = {
      commandId: 'registerFromMessage',
      commandContext: 'message',
      messagePayload: {
        body: {
          contentType: 'html',
          content: '<p>We won Tailspin Toys! €480k renewal, signed on 3 December 2026, runs on Azure.</p>',
        },
      },
      data: { note: 'Customer: Tailspin Toys Ltd' },
    };
    const before = bot.connector.sent(cleo.who.conversationId).length;
    const answer = await cleo.invoke('composeExtension/submitAction', value, {
      conversationId: '19:sales@thread.tacv2',
      conversationType: 'channel',
    });
    assert.equal(answer.status, 200);
    assert.match(JSON.stringify(answer.body), /Your draft is in your chat with Dealbot/);
    const posted = bot.connector.sent(cleo.who.conversationId).slice(before);
    assert.equal(posted.length, 1, 'the draft card, in the seller’s own chat');
    const card = (posted[0]!.attachments as { content: Json }[])[0]!.content;
    assert.match(allText(card), /I read Company name, .*Total contract value.* from your message/);
    const [draft] = await new DealRepository(bot.bot.store).listByOwner(TENANT, cleo.who.aadObjectId, 'incomplete', 1);
    assert.equal(draft?.wizard.inputs.customer?.companyName, 'Tailspin Toys Ltd');
    assert.equal(draft?.wizard.inputs.value?.totalValue, '480000');
    assert.equal(draft?.wizard.inputs.solution?.contractType, 'renewal');
    const unknown = await cleo.invoke('composeExtension/submitAction', { ...value, commandId: 'somethingElse' });
    assert.match(JSON.stringify(unknown.body), /"type":"message"/);
  });

  it('a Word purchase order is read as a PDF is', async () => {
    const erin = new SellerClient(bot, { tenantId: TENANT, name: 'Erin Ek' });
    await erin.install();
    const card = await erin.sendFiles([{ name: 'order.docx', downloadUrl: `${host.url}/order.docx` }]);
    assert.match(allText(card), /I read Company name, Country\/region, Currency, Total contract value from order\.docx/);
    assert.equal(inputValues(card).companyName, 'Wingtip Toys Oy');
    assert.equal(inputValues(card).country, 'FI');
  });

  it('in a group chat, files are refused politely, with where to send them', async () => {
    const inGroup = new SellerClient(bot, { tenantId: TENANT, conversationType: 'groupChat', name: 'Anna Svensson' });
    const card = await inGroup.sendFiles([{ name: 'contract.pdf', downloadUrl: `${host.url}/contract.pdf` }]);
    assert.match(allText(card), /I take files in our chat only/);
  });
});

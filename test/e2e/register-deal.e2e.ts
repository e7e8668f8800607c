import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PLAYGROUND_TENANT } from '../../scripts/playground-env.js';
import type { BotProcess } from '../support/bot-process.js';
import { tempStoreUrl } from '../support/temp-store.js';
import type { PlaygroundChat } from './playground-page.js';
import { PlaygroundSession } from './playground-session.js';

const REVIEWER_KEY = 'e2e-reviewer-key';

describe('a seller in the Agents Playground, in a real browser', () => {
  let session: PlaygroundSession;
  let bot: BotProcess;
  let chat: PlaygroundChat;
  let step = 0;
  const shot = (name: string) => session.shot(`${String(++step).padStart(2, '0')}-${name}`);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${bot.url}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${REVIEWER_KEY}`, 'content-type': 'application/json', ...init.headers },
    });

  before(async () => {
    const sha = createHash('sha256').update(REVIEWER_KEY).digest('hex');
    session = await PlaygroundSession.open(
      { STORE_URL: tempStoreUrl(), API_KEYS: `${PLAYGROUND_TENANT}:reviewer:${sha}`, OUTBOX_POLL: 'PT0.2S' },
      56151,
    );
    bot = session.bot;
    chat = session.chat;
  });

  afterEach(async function () {
    await session?.shotIfFailed(this.currentTest, () => `${String(++step).padStart(2, '0')}-`);
  });

  after(async () => session?.close());

  it('greets the seller with what the bot can do', async () => {
    await shot('welcome');
  });

  it('registers a deal by typing and clicking through the cards, and says why a wrong email will not do', async () => {
    await chat.say('register a deal');
    await chat.waitForCard('Step 1 of 6');
    await chat.fill('Company name', 'Northwind Traders AB');
    // Typing part of the name narrows the filtered list; each title also carries the ISO codes.
    await chat.choose('Country/region', 'sverige', 'Sweden · Sverige · Ruotsi · SE · SWE');
    await chat.fill('City', 'Stockholm');
    await shot('customer');
    await chat.press('Next');
    await chat.waitForCard('Step 2 of 6');
    await chat.choose('Solution', 'Contoso AI Insights');
    await chat.pick('New');
    await chat.press('Next');
    await chat.waitForCard('Step 3 of 6');
    await chat.pick('Fixed contract');
    await chat.choose('Currency', 'EUR – Euro');
    await chat.fill('Total contract value', '120,000');
    await chat.fill('Solution value', '100,000');
    await chat.press('Next');
    await chat.waitForCard('Step 4 of 6');
    await chat.pick('Azure');
    await chat.pick('Customer tenant');
    await chat.press('Next');
    await chat.waitForCard('Step 5 of 6');
    await chat.today('Contract start date');
    await chat.pick('Perpetual');
    await chat.today('Signed contract date');
    await chat.press('Next');
    await chat.waitForCard('Step 6 of 6');
    await chat.fill('First name', 'Anna');
    await chat.fill('Last name', 'Svensson');
    await chat.fill('Phone', '+46 8 123 456 78');
    await chat.fill('Email', 'anna.svensson@');
    await chat.press('Next');
    await chat.waitForCard('Please enter a valid email address, such as name@example.com.');
    await shot('wrong-email');
    await chat.fill('Email', 'anna.svensson@fabrikam.example');
    await chat.press('Next');
    const summary = await chat.waitForCard('Check your deal before you register it');
    assert.match((await summary.textContent()) ?? '', /EUR\s20,000\.00 a year \(over 6 years\)/);
    await shot('summary');
    await chat.press('Register');
    await chat.waitForCard('Deal registered');
  });

  it('lists the deal among the seller’s deals in review', async () => {
    await chat.say('show my in-progress deals');
    const list = await chat.waitForCard('Northwind Traders AB');
    assert.match((await list.textContent()) ?? '', /In review/);
    await shot('in-progress');
  });

  it('walks the seller through the three fields the deal desk flagged, from a notice that stays in the chat', async () => {
    const queue = await (await api('/deals?status=in_review')).json();
    const deal = queue.deals.find(
      (d: { fields: { customer?: { companyName?: string } } }) => d.fields.customer?.companyName === 'Northwind Traders AB',
    );
    const sent = await api(`/deals/${deal.id}/request-update`, {
      method: 'POST',
      headers: { 'if-match': '*' },
      body: JSON.stringify({
        comment: 'Please recheck the value, the signed date and the phone.',
        fields: ['totalValue', 'signedDate', 'phone'],
      }),
    });
    assert.equal(sent.status, 200, await sent.text());
    const notice = await chat.waitForCard(/needs an update/);
    assert.match((await notice.textContent()) ?? '', /Total contract value, Signed contract date, Phone/);
    const before = await chat.cards().count();
    await chat.press('Update the deal');
    await chat.waitForCard('Step 3 of 6');
    assert.ok((await chat.cards().count()) > before, 'a new card: the notice stays');
    await shot('update-flagged');
    await chat.fill('Total contract value', '150,000');
    await chat.press('Next');
    await chat.waitForCard('Step 5 of 6');
    await chat.press('Next');
    await chat.waitForCard('Step 6 of 6');
    await chat.press('Next');
    const summary = await chat.waitForCard('What the deal desk asked you to check');
    assert.match((await summary.textContent()) ?? '', /120,000\.00.*→.*150,000\.00/s);
    await shot('update-summary');
    await chat.press('Register');
    await chat.waitForCard(
      /You have not changed Signed contract date and Phone, which the deal desk asked you to check\. Register anyway, or use Edit to change them\./,
    );
    await chat.press('Register anyway');
    await chat.waitForCard('Deal registered');
  });

  it('tells the seller at once when the deal desk approves it through the API', async () => {
    const queue = await (await api('/deals?status=in_review')).json();
    const deal = queue.deals.find(
      (d: { fields: { customer?: { companyName?: string } } }) => d.fields.customer?.companyName === 'Northwind Traders AB',
    );
    assert.ok(deal, JSON.stringify(queue));
    const decided = await api(`/deals/${deal.id}/approve`, {
      method: 'POST',
      headers: { 'if-match': '*' },
      body: JSON.stringify({ comment: 'Welcome aboard: approved for the programme.' }),
    });
    assert.equal(decided.status, 200, await decided.text());
    const card = await chat.waitForCard(/was approved/);
    assert.match((await card.textContent()) ?? '', /Welcome aboard: approved for the programme\./);
    await shot('approved');
  });
});

import assert from 'node:assert/strict';
import { PLAYGROUND_TENANT, PLAYGROUND_USER } from '../../scripts/playground-env.js';
import { systemClock } from '../../src/clock.js';
import type { Deal } from '../../src/domain/deal.js';
import { dealRef } from '../../src/domain/deal-ref.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { openStore } from '../../src/store/open.js';
import { seededDeal } from '../support/seed.js';
import { tempStoreUrl } from '../support/temp-store.js';
import type { PlaygroundChat } from './playground-page.js';
import { PlaygroundSession } from './playground-session.js';

const DOMAIN = 'dealbot.contoso.example';

describe('the Agents Playground: a deal found in the compose box, shared, unfurled, opened', function () {
  this.timeout(120_000);
  let session: PlaygroundSession;
  let chat: PlaygroundChat;
  let volvo: Deal;
  const shot = (name: string) => session.shot(`compose-${name}`);

  before(async () => {
    const storeUrl = tempStoreUrl();
    const docs = await openStore(storeUrl, { clock: systemClock });
    const repo = new DealRepository(docs);
    volvo = seededDeal({
      tenantId: PLAYGROUND_TENANT,
      ownerId: PLAYGROUND_USER,
      status: 'in_review',
      companyName: 'Volvo AB',
      minutesAgo: 5,
    });
    await repo.create(volvo);
    await repo.create(
      seededDeal({ tenantId: PLAYGROUND_TENANT, ownerId: PLAYGROUND_USER, status: 'approved', companyName: 'Saab AB', minutesAgo: 9 }),
    );
    await repo.create(
      seededDeal({ tenantId: PLAYGROUND_TENANT, ownerId: 'a-colleague', status: 'in_review', companyName: 'Volvo Cars', minutesAgo: 2 }),
    );
    await docs.close();
    session = await PlaygroundSession.open({ STORE_URL: storeUrl, BOT_DOMAIN: DOMAIN }, 56152);
    chat = session.chat;
  });

  afterEach(async function () {
    await session?.shotIfFailed(this.currentTest, () => 'compose-');
  });

  after(async () => session?.close());

  it('searches the seller’s own deals from a group chat’s compose box and shares one as a card', async () => {
    await chat.openConversation('Group Chat');
    const results = await chat.searchDeals('volvo');
    const result = results.getByText(`${dealRef(volvo.id)} · In review`);
    await result.waitFor({ timeout: 15_000 });
    assert.equal(await results.getByText('Volvo Cars').count(), 0, 'a colleague’s deal is not found');
    await shot('results');
    await result.click();
    await chat.page.getByRole('button', { name: 'Send Message' }).click();
    const card = await chat.waitForCard('Shared from Dealbot');
    // Amounts are formatted with a no-break space between currency and number.
    const text = ((await card.textContent()) ?? '').replace(/\s+/g, ' ');
    for (const shown of ['Volvo AB', 'Contoso AI Insights', 'EUR 120,000.00', 'In review', dealRef(volvo.id)])
      assert.ok(text.includes(shown), shown);
    assert.doesNotMatch(text, /anna@fabrikam|\+46/, 'never the registration contact');
    await shot('shared');
  });

  it('"Open in Dealbot" says where the deal opened, and opens it in the seller’s chat with the bot', async () => {
    await chat.press('Open in Dealbot');
    await chat.page.getByText(`${dealRef(volvo.id)} is open in your chat with Dealbot.`).waitFor({ timeout: 15_000 });
    await shot('opened');
    await chat.openConversation('Personal Chat');
    const detail = await chat.waitForCard(/Registration contact|anna@fabrikam\.example/);
    assert.match((await detail.textContent()) ?? '', /Volvo AB/);
    assert.match((await detail.textContent()) ?? '', /Copy link/);
  });

  it('a link to a deal it cannot show unfurls into a few words, not a blank dialog', async () => {
    await chat.openConversation('Group Chat');
    await chat.pasteLink(`https://${DOMAIN}/deals/D-00000000`);
    await chat.page
      .getByText(/A Dealbot deal link\. Its seller and the deal desk open it/)
      .last()
      .waitFor({ timeout: 15_000 });
    await shot('unfurl-unknown');
    await chat.page.getByRole('button', { name: 'Cancel' }).click();
  });
  it('unfurls the deal’s link into the shared card for its seller', async () => {
    await chat.openConversation('Group Chat');
    await chat.pasteLink(`https://${DOMAIN}/deals/${dealRef(volvo.id)}`);
    await chat.page.getByText('Shared from Dealbot').last().waitFor({ timeout: 15_000 });
    await chat.page.getByRole('button', { name: 'Send to Conversation' }).click();
    const card = await chat.waitForCard('Shared from Dealbot');
    assert.match((await card.textContent()) ?? '', /Volvo AB/);
    await shot('unfurled');
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PLAYGROUND_TENANT, PLAYGROUND_USER } from '../../scripts/playground-env.js';
import { FileHost } from '../support/file-host.js';
import { tempStoreUrl } from '../support/temp-store.js';
import type { PlaygroundChat } from './playground-page.js';
import { PlaygroundSession } from './playground-session.js';

const CONTRACT = readFileSync(new URL('../fixtures/win-texts/en-signed-contract.pdf', import.meta.url));
const REVIEWER_KEY = 'e2e-files-reviewer-key';

describe('the Agents Playground: a signed contract dropped into the chat becomes a deal the desk can open', function () {
  this.timeout(180_000);
  let session: PlaygroundSession;
  let chat: PlaygroundChat;
  let host: FileHost;
  const shot = (name: string) => session.shot(`files-${name}`);

  before(async () => {
    // Stands in for the OneDrive link Teams gives a bot; the bot is told it is one of Teams' hosts.
    host = await new FileHost({ '/signed-contract.pdf': CONTRACT }).start();
    const sha = createHash('sha256').update(REVIEWER_KEY).digest('hex');
    session = await PlaygroundSession.open(
      {
        STORE_URL: tempStoreUrl(),
        FILE_DOWNLOAD_HOSTS: host.url,
        REVIEWERS: `${PLAYGROUND_TENANT}:${PLAYGROUND_USER}`,
        API_KEYS: `${PLAYGROUND_TENANT}:reviewer:${sha}`,
      },
      56153,
    );
    chat = session.chat;
  });

  afterEach(async function () {
    await session?.shotIfFailed(this.currentTest, () => 'files-');
  });

  after(async () => {
    await session?.close();
    await host?.stop();
  });

  it('reads the contract into a draft, marks what it read, and the seller finishes and registers it', async () => {
    // The playground has no upload button: the file comes as Teams sends it, through "Custom activity".
    await chat.sendActivity({
      type: 'message',
      text: '',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'signed-contract.pdf',
          contentUrl: 'https://contoso-my.sharepoint.com/personal/alex/Documents/signed-contract.pdf',
          content: { downloadUrl: `${host.url}/signed-contract.pdf`, uniqueId: 'e2e-contract', fileType: 'pdf' },
        },
      ],
    });
    const first = await chat.waitForCard('I started a deal for signed-contract.pdf');
    assert.match((await first.textContent()) ?? '', /Read from signed-contract\.pdf, check it: Company name, Country\/region, City/);
    assert.equal(await first.getByLabel(/^Company name/).inputValue(), 'Northwind Traders AB');
    assert.deepEqual(host.asked, ['/signed-contract.pdf']);
    await shot('read');
    await chat.press('Next');
    await chat.waitForCard('Step 2 of 6');
    await chat.choose('Solution', 'Contoso AI Insights');
    await chat.press('Next');
    const value = await chat.waitForCard('Step 3 of 6');
    assert.match((await value.textContent()) ?? '', /Read from signed-contract\.pdf, check it: .*Total contract value/);
    await chat.pick('Fixed contract');
    await chat.press('Next');
    await chat.waitForCard('Step 4 of 6');
    await chat.pick('Customer tenant');
    await chat.press('Next');
    await chat.waitForCard('Step 5 of 6');
    await chat.press('Next');
    await chat.waitForCard('Step 6 of 6');
    await chat.press('Next');
    const summary = await chat.waitForCard('Check your deal before you register it');
    const text = (await summary.textContent()) ?? '';
    for (const read of ['Northwind Traders AB', 'Gothenburg', 'Renewal', 'erik.lund@northwind.example', 'signed-contract.pdf'])
      assert.ok(text.includes(read), read);
    await shot('summary');
    await chat.press('Register');
    await chat.waitForCard('Deal registered');
  });

  it('the desk opens the contract from the review card, through the bot', async () => {
    await chat.say('review queue');
    await chat.waitForCard('Deals to review');
    await chat.press('Open');
    // The queue card names the customer too: wait for what only the review card says. The playground's
    // user is seller and deal desk at once, so it says why there are no decisions.
    const review = await chat.waitForCard(/This is your own deal: another reviewer decides it/);
    assert.match((await review.textContent()) ?? '', /Northwind Traders AB/);
    const link = review.getByRole('link', { name: 'signed-contract.pdf' });
    const href = await link.getAttribute('href');
    assert.match(href ?? '', /\/files\/[\w-]+\.[\w-]+$/);
    await shot('review-card');
    const opened = await fetch(href!.replace(/^https?:\/\/[^/]+/, session.bot.url));
    assert.equal(opened.status, 200);
    assert.equal(opened.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(Buffer.from(await opened.arrayBuffer()), CONTRACT);
  });

  it('the desk’s API lists the file with a link for its key, which opens it too', async () => {
    const api = (path: string) => fetch(`${session.bot.url}${path}`, { headers: { authorization: `Bearer ${REVIEWER_KEY}` } });
    const queue = (await (await api('/api/v1/deals?status=in_review')).json()) as { deals: { files: { name: string; url: string }[] }[] };
    const file = queue.deals[0]?.files.find((f) => f.name === 'signed-contract.pdf');
    assert.ok(file, JSON.stringify(queue));
    const opened = await fetch(file.url.replace(/^https?:\/\/[^/]+/, session.bot.url));
    assert.deepEqual(Buffer.from(await opened.arrayBuffer()), CONTRACT);
    assert.equal((await fetch(`${session.bot.url}/api/v1/deals?status=in_review`)).status, 401, 'nobody signed in');
  });
});

import assert from 'node:assert/strict';
import { STEP_ORDER, validAnswers } from '../support/answers.js';
import { BotProcess } from '../support/bot-process.js';
import { allText, inputValues } from '../support/cards.js';
import { FakeConnector } from '../support/fake-connector.js';
import { SellerClient } from '../support/seller-client.js';
import { tempStoreUrl } from '../support/temp-store.js';

describe('a crash mid-wizard', () => {
  const connector = new FakeConnector();
  before(async () => connector.start());
  after(async () => connector.stop());

  it('loses nothing: the seller continues where they were after the process is killed and started again', async () => {
    const env = { STORE_URL: tempStoreUrl() };
    const answers = validAnswers();
    const first = await new BotProcess(env).start();
    const target = { url: first.url, connector };
    const seller = new SellerClient(target);
    let card = await seller.say('register a deal');
    card = await seller.click(card, 'Next', answers.customer);
    card = await seller.click(card, 'Next', answers.solution);
    await seller.click(card, 'Next', { ...answers.value, totalValue: 'oops' }); // typed, refused, still kept
    await first.kill();

    const second = await new BotProcess(env).start();
    target.url = second.url;
    try {
      card = await seller.say('continue');
      assert.match(allText(card), /Step 3 of 6: Value/);
      assert.equal(inputValues(card).totalValue, 'oops');
      for (const step of STEP_ORDER.slice(2)) card = await seller.click(card, 'Next', answers[step]);
      assert.match(allText(card), /Fabrikam AB/);
      card = await seller.click(card, 'Register');
      assert.match(allText(card), /In review/);
    } finally {
      await second.kill();
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    const bot = await new BotProcess({ STORE_URL: tempStoreUrl() }).start();
    assert.equal(await bot.signal('SIGTERM'), 0);
    assert.ok(bot.output.some((l) => l.includes('"msg":"stopped"')));
  });
});

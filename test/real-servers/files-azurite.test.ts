import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DealRepository } from '../../src/store/deal-repository.js';
import { openFileStore } from '../../src/store/file-store.js';
import { whenServer } from '../store/conformance.js';
import { fileStoreContract } from '../store/file-store-contract.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { FileHost } from '../support/file-host.js';
import { SellerClient } from '../support/seller-client.js';

// Azure Blob Storage, as the bot reaches it, against Azurite (npm run test:stores starts one).
whenServer('the file store on Azure Blob Storage (Azurite)', 'TEST_AZURITE_URL', (url) =>
  fileStoreContract('Azure Blob Storage (Azurite)', () => openFileStore(`${url()}/files-${randomUUID().slice(0, 8)}`)),
);

whenServer('a bot keeping files in Azure Blob Storage (Azurite)', 'TEST_AZURITE_URL', (url) => {
  describe('a bot keeping files in Azure Blob Storage (Azurite)', () => {
    const container = `bot-${randomUUID().slice(0, 8)}`;
    const pdf = readFileSync(new URL('../fixtures/files/order-confirmation.pdf', import.meta.url));
    let host: FileHost;
    let bot: BotUnderTest;
    before(async () => {
      host = await new FileHost({ '/contract.pdf': pdf }).start();
      bot = await new BotUnderTest({ FILES_URL: `${url()}/${container}`, FILE_DOWNLOAD_HOSTS: host.url }).start();
    });
    after(async () => {
      await bot.stop();
      await host.stop();
    });

    it('keeps a file a seller sends as a blob, and opens it from the card', async () => {
      const anna = new SellerClient(bot, { tenantId: 'tenant-contoso' });
      await anna.install();
      const card = await anna.sendFiles([{ name: 'contract.pdf', downloadUrl: `${host.url}/contract.pdf` }]);
      const [draft] = await new DealRepository(bot.bot.store).listByOwner('tenant-contoso', anna.who.aadObjectId, 'incomplete', 1);
      const file = draft!.files[0]!;
      const blobs = await openFileStore(`${url()}/${container}`);
      assert.deepEqual(await blobs.get({ tenantId: 'tenant-contoso', dealId: draft!.id, fileId: file.id }), pdf, 'the blob holds the file');
      const link = /\((https?:\/\/[^)]+\/files\/[^)]+)\)/.exec(JSON.stringify(card))![1]!.replace(/^https?:\/\/[^/]+/, bot.url);
      assert.deepEqual(Buffer.from(await (await fetch(link)).arrayBuffer()), pdf);
    });
  });
});

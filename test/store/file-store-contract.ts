import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FileStore } from '../../src/store/file-store.js';

/** What every file store does, run against each backend: the folder in npm test, Azurite in test:stores. */
export function fileStoreContract(name: string, open: () => Promise<FileStore>): void {
  describe(`the file store contract on ${name}`, () => {
    let files: FileStore;
    before(async () => {
      files = await open();
    });
    const key = (dealId = randomUUID(), fileId = randomUUID().replace(/-/g, '')) => ({ tenantId: 'tenant-contoso', dealId, fileId });

    it('keeps bytes as given and gives them back; nothing under a key never written', async () => {
      const k = key();
      const bytes = Buffer.from([0, 1, 2, 255, ...Buffer.from('%PDF-1.4 contract')]);
      await files.put(k, bytes);
      assert.deepEqual(await files.get(k), bytes);
      assert.equal(await files.get(key()), undefined);
    });

    it("deletes a deal's files and no other deal's", async () => {
      const dealId = randomUUID();
      const [a, b, other] = [key(dealId), key(dealId), key()];
      for (const k of [a, b, other]) await files.put(k, Buffer.from(k.fileId));
      await files.removeDeal('tenant-contoso', dealId);
      assert.equal(await files.get(a), undefined);
      assert.equal(await files.get(b), undefined);
      assert.deepEqual(await files.get(other), Buffer.from(other.fileId));
      await files.removeDeal('tenant-contoso', dealId); // again: nothing to do, no error
    });

    it('keeps ids that look like paths inside their own deal', async () => {
      const inside = { tenantId: '../../etc', dealId: '..', fileId: '../passwd' };
      await files.put(inside, Buffer.from('x'));
      assert.deepEqual(await files.get(inside), Buffer.from('x'));
      assert.equal(await files.get({ tenantId: 'etc', dealId: '..', fileId: 'passwd' }), undefined);
      await files.removeDeal('..', '..');
      assert.deepEqual(await files.get(inside), Buffer.from('x'), 'another tenant’s "..": untouched');
    });
  });
}

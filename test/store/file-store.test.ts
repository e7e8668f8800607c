import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderFileStore } from '../../src/store/file-store.js';
import { fileStoreContract } from './file-store-contract.js';

const folder = mkdtempSync(join(tmpdir(), 'dealbot-files-'));
fileStoreContract('a folder', async () => new FolderFileStore(folder));

describe('files in a folder', () => {
  it('are readable by their owner alone', async () => {
    const files = new FolderFileStore(folder);
    await files.put({ tenantId: 't', dealId: 'd', fileId: 'f' }, Buffer.from('contract'));
    assert.equal(statSync(join(folder, 't', 'd', 'f')).mode & 0o777, 0o600);
    assert.equal(statSync(join(folder, 't', 'd')).mode & 0o777, 0o700);
  });
});

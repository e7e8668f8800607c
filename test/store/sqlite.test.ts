import assert from 'node:assert/strict';
import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { tempStoreUrl } from '../support/temp-store.js';
import { storeConformance } from './conformance.js';

const url = tempStoreUrl();
storeConformance('SQLite', () => url);

describe('an SQLite file on a network file system', () => {
  it('is recognised by the file system type statfs reports: SMB (App Service /home), CIFS, NFS, FUSE', async () => {
    const { networkFileSystem } = await import('../../src/store/sqlite.js');
    assert.equal(networkFileSystem(0xff534d42), 'CIFS');
    assert.equal(networkFileSystem(-11317950), 'CIFS', 'statfs reports it signed on some platforms');
    assert.equal(networkFileSystem(0x517b), 'SMB');
    assert.equal(networkFileSystem(0x6969), 'NFS');
    assert.equal(networkFileSystem(0x65735546), 'FUSE');
    assert.equal(networkFileSystem(statfsSync(tmpdir()).type), undefined, 'this machine’s temporary folder is local');
    assert.equal(networkFileSystem(0xef53), undefined, 'ext4');
  });
});

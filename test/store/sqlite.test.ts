import assert from 'node:assert/strict';
import { mkdtempSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/clock.js';
import { writeBackup } from '../../src/store/backup-file.js';
import { openStore } from '../../src/store/open.js';
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

describe('files that hold people’s data', () => {
  it('are created readable by their owner alone: the SQLite file and its folder, a backup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealbot-modes-'));
    const file = join(dir, 'data', 'dealbot.sqlite');
    const docs = await openStore(`sqlite://${file}`, { clock: systemClock });
    await docs.put('deal/t/x', { any: 'thing' });
    const backup = join(dir, 'b.jsonl.gz');
    await writeBackup(backup, 'sqlite', docs.scan(), new Date());
    await docs.close();
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'data')).mode & 0o777, 0o700);
    assert.equal(statSync(backup).mode & 0o777, 0o600);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { allowedDownload, kindOf } from '../../src/services/file-intake.js';
import { docxOf, xlsxOf } from '../support/office-files.js';

const HOSTS = ['*.sharepoint.com', 'files.example', 'http://127.0.0.1:8080'];

describe('taking a file from Teams', () => {
  it('downloads only from the hosts Teams uses: a suffix, a host, or an exact origin', () => {
    for (const url of [
      'https://contoso-my.sharepoint.com/personal/anna/_layouts/15/download.aspx?x=1',
      'https://files.example/a.pdf',
      'http://127.0.0.1:8080/a.pdf',
    ]) {
      assert.ok(allowedDownload(url, HOSTS), url);
    }
    for (const url of [
      'http://contoso-my.sharepoint.com/a.pdf', // not https
      'https://sharepoint.com/a.pdf', // the suffix, not a host under it
      'https://contoso.sharepoint.com.evil.example/a.pdf',
      'https://evilsharepoint.com/a.pdf',
      'https://user:pw@contoso.sharepoint.com/a.pdf',
      'http://127.0.0.1:8081/a.pdf',
      'http://169.254.169.254/latest/meta-data',
      'file:///etc/passwd',
      'not a url',
    ]) {
      assert.ok(!allowedDownload(url, HOSTS), url);
    }
  });

  it('knows a file by its content, not its name', async () => {
    const pdf = readFileSync(new URL('../fixtures/files/order-confirmation.pdf', import.meta.url));
    const eml = readFileSync(new URL('../fixtures/files/win.eml', import.meta.url));
    assert.equal(await kindOf(pdf), 'pdf');
    assert.equal(await kindOf(eml), 'eml');
    assert.equal(await kindOf(docxOf(['Order'])), 'docx');
    assert.equal(await kindOf(xlsxOf([['Customer', 'Fabrikam AB']])), 'xlsx');
    assert.equal(await kindOf(Buffer.from('From: someone\\nhello')), undefined, 'a header line is not an email');
    assert.equal(await kindOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])), 'png');
    assert.equal(await kindOf(Buffer.from('MZ\x90\x00 an executable')), undefined);
    assert.equal(await kindOf(Buffer.from('plain notes')), undefined);
  });
});

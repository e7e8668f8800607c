import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { textOf } from '../../src/services/file-text.js';

describe('the text of a file', () => {
  it('is a PDF’s text layer, line by line', async () => {
    const text = await textOf('pdf', readFileSync(new URL('../fixtures/files/order-confirmation.pdf', import.meta.url)));
    assert.match(text ?? '', /Customer: Fabrikam AB\s*\n/);
    assert.match(text ?? '', /Total value: SEK 1 200 000/);
  });

  it('is an email’s subject and body, never its headers; quoted-printable undone', async () => {
    const text = await textOf('eml', readFileSync(new URL('../fixtures/files/win.eml', import.meta.url)));
    assert.match(text ?? '', /We're in!/);
    assert.match(text ?? '', /we have signed the order/);
    assert.doesNotMatch(text ?? '', /karin\.lund@fabrikam\.example/);
    const qp = 'Subject: x\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nG=C3=B6teborg, total SEK 1=\r\n200 000';
    assert.match((await textOf('eml', Buffer.from(qp))) ?? '', /Göteborg, total SEK 1200 000/);
  });

  it('is nothing for a broken PDF or a kind not read', async () => {
    assert.equal(await textOf('pdf', Buffer.from('%PDF-1.4 not really')), undefined);
    assert.equal(await textOf('png', Buffer.from('x')), undefined);
  });
});

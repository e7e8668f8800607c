import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { readDeal } from '../../src/domain/reading.js';
import { textOf } from '../../src/services/file-text.js';
import { docxOf, xlsxOf } from '../support/office-files.js';

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

  it('is a Word document’s paragraphs, its fact table as "label: value", never its field codes', async () => {
    const docx = docxOf(
      ['Purchase order 4471', 'Tack för ordern & välkommen!'],
      [
        ['Kund', 'Fjällräven Konsult AB'],
        ['Land', 'Sverige'],
        ['Totalt avtalsvärde', '1 450 000 SEK'],
        ['Artikel', 'Antal', 'Pris'],
      ],
    );
    const text = (await textOf('docx', docx)) ?? '';
    assert.match(text, /^Purchase order 4471\nTack för ordern & välkommen!\nKund: Fjällräven Konsult AB\nLand: Sverige\n/);
    assert.match(text, /Artikel \| Antal \| Pris/);
    assert.doesNotMatch(text, /PAGE/);
    const read = readDeal(text);
    assert.equal(read.companyName, 'Fjällräven Konsult AB');
    assert.equal(read.country, 'SE');
    assert.equal(read.totalValue, '1450000');
  });

  it('is an Excel workbook’s rows, text and numbers', async () => {
    const xlsx = xlsxOf([
      ['Customer', 'Pohjolan Data Oy'],
      ['Country', 'Finland'],
      ['Total value (EUR)', 96000],
      ['Start date', '2027-01-15'],
    ]);
    const text = (await textOf('xlsx', xlsx)) ?? '';
    assert.equal(text, 'Customer: Pohjolan Data Oy\nCountry: Finland\nTotal value (EUR): 96000\nStart date: 2027-01-15');
    assert.equal(readDeal(text).companyName, 'Pohjolan Data Oy');
  });

  it('unpacks nothing that would grow past its cap (a zip bomb is kept, not read)', async () => {
    const bomb = Buffer.from(zipSync({ 'word/document.xml': new Uint8Array(30 * 1024 * 1024) }, { level: 9 }));
    assert.ok(bomb.length < 100 * 1024, `${bomb.length} bytes packed`);
    assert.equal(await textOf('docx', bomb), undefined);
  });

  it('is nothing for a broken PDF or a kind not read', async () => {
    assert.equal(await textOf('pdf', Buffer.from('%PDF-1.4 not really')), undefined);
    assert.equal(await textOf('png', Buffer.from('x')), undefined);
    assert.equal(await textOf('docx', Buffer.from('PK not a zip')), undefined);
    assert.equal(await textOf('msg', Buffer.from('x')), undefined);
  });
});

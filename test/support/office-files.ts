import { strToU8, zipSync } from 'fflate';

const x = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const CONTENT_TYPES = (main: string, type: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="${main}" ContentType="application/vnd.openxmlformats-officedocument.${type}.main+xml"/></Types>`;

/** A Word document as Word writes its body: paragraphs of runs, and tables of rows of cells. */
export function docxOf(paragraphs: readonly string[], table: readonly (readonly string[])[] = []): Buffer {
  const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${x(text)}</w:t></w:r></w:p>`;
  const rows = table.map((cells) => `<w:tr>${cells.map((c) => `<w:tc><w:tcPr/>${p(c)}</w:tc>`).join('')}</w:tr>`).join('');
  const body = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.map(p).join('')}${rows ? `<w:tbl>${rows}</w:tbl>` : ''}<w:p><w:r><w:instrText>PAGE</w:instrText></w:r></w:p></w:body></w:document>`;
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(CONTENT_TYPES('/word/document.xml', 'wordprocessingml.document')),
      '_rels/.rels': strToU8('<Relationships/>'),
      'word/document.xml': strToU8(body),
    }),
  );
}

/** An Excel workbook of one sheet: text cells through the shared strings, numbers as numbers. */
export function xlsxOf(rows: readonly (readonly (string | number)[])[]): Buffer {
  const strings: string[] = [];
  const col = (i: number) => String.fromCharCode(65 + i);
  const sheet = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells
          .map((c, i) =>
            typeof c === 'number'
              ? `<c r="${col(i)}${r + 1}"><v>${c}</v></c>`
              : `<c r="${col(i)}${r + 1}" t="s"><v>${strings.push(c) - 1}</v></c>`,
          )
          .join('')}</row>`,
    )
    .join('');
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(CONTENT_TYPES('/xl/workbook.xml', 'spreadsheetml.sheet')),
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/sharedStrings.xml': strToU8(`<sst>${strings.map((s) => `<si><t>${x(s)}</t></si>`).join('')}</sst>`),
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${sheet}</sheetData></worksheet>`),
    }),
  );
}

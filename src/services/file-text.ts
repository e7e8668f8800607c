import type { FileKind } from '../domain/deal-file.js';
import { docxText, xlsxText } from './office-text.js';

/** The most text read from one file: a ten-page contract holds far less; more is not read. */
const MAX_TEXT = 200_000;
const MAX_PAGES = 30;

/**
 * The text of a file, for reading a deal from it: a PDF's text layer (pdf.js, no rendering, no scripts, no
 * fonts fetched), an email's subject and plain body, a Word document's paragraphs and tables, an Excel
 * workbook's cells. Images, Outlook .msg files and a PDF that is only scanned images have none: the file
 * is kept all the same.
 */
export async function textOf(kind: FileKind, bytes: Buffer): Promise<string | undefined> {
  try {
    if (kind === 'pdf') return await pdfText(bytes);
    if (kind === 'eml') return emailText(bytes.toString('utf8'));
    if (kind === 'docx') return docxText(bytes)?.slice(0, MAX_TEXT);
    if (kind === 'xlsx') return xlsxText(bytes)?.slice(0, MAX_TEXT);
  } catch {
    // An unreadable file is a file kept, not a file refused: there is simply nothing to read from it.
  }
  return undefined;
}

/**
 * pdf.js makes a DOMMatrix when it loads, for drawing pages, which Dealbot never does. Node has none, and
 * the canvas package that would give one is an optional native one a production install leaves out
 * (--omit=optional): an identity matrix that is never drawn with lets the text layer load without it.
 */
function ensureDomMatrix(): void {
  if ('DOMMatrix' in globalThis) return;
  class IdentityMatrix {
    a = 1;
    b = 0;
    c = 0;
    d = 1;
    e = 0;
    f = 0;
  }
  Object.assign(globalThis, { DOMMatrix: IdentityMatrix });
}

async function pdfText(bytes: Buffer): Promise<string | undefined> {
  ensureDomMatrix();
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    let text = '';
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES) && text.length < MAX_TEXT; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : ' ');
      }
      text += '\n';
    }
    return text.slice(0, MAX_TEXT).trim() || undefined;
  } finally {
    await doc.destroy();
  }
}

/** An email's subject and body: the header block and any HTML tags left out, quoted-printable undone. */
function emailText(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const subject = /^subject:\s*(.*)$/im.exec(head)?.[1] ?? '';
  let body = rest.join('\n\n');
  if (/^content-transfer-encoding:\s*quoted-printable/im.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return `${subject}\n${body.replace(/<[^>]*>/g, ' ')}`.slice(0, MAX_TEXT);
}

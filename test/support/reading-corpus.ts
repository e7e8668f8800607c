import { readdirSync, readFileSync } from 'node:fs';
import { type ReadField, readDeal } from '../../src/domain/reading.js';
import { textOf } from '../../src/services/file-text.js';

const DIR = new URL('../fixtures/win-texts/', import.meta.url);

/** The corpus: each text (or PDF, read through its text layer), and what a careful person reads from it. */
export const corpus = {
  texts: () => readdirSync(DIR).filter((f) => f.endsWith('.txt') || f.endsWith('.pdf')),
  expected: () => JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8')) as Record<string, Partial<Record<ReadField, string>>>,
};

export interface FieldScore {
  right: number;
  wrong: number;
  missed: number;
  precision: number;
  recall: number;
}

/** Per field over the corpus: values read right, read wrong, and there but not read; and each wrong one. */
export async function scoreCorpus(): Promise<{ fields: Map<string, FieldScore>; recall: number; wrongs: string[] }> {
  const counts = new Map<string, { right: number; wrong: number; missed: number }>();
  const wrongs: string[] = [];
  for (const [file, want] of Object.entries(corpus.expected())) {
    const bytes = readFileSync(new URL(file, DIR));
    const text = file.endsWith('.pdf') ? ((await textOf('pdf', bytes)) ?? '') : bytes.toString('utf8');
    const got = readDeal(text) as Record<string, string | undefined>;
    const wanted = want as Record<string, string | undefined>;
    for (const field of new Set([...Object.keys(wanted), ...Object.keys(got)])) {
      const c = counts.get(field) ?? { right: 0, wrong: 0, missed: 0 };
      const [w, g] = [wanted[field], got[field]];
      if (g !== undefined && g === w) c.right++;
      else if (g !== undefined) {
        c.wrong++;
        wrongs.push(`${file} ${field}: read "${g}", is "${w ?? '(nothing)'}"`);
        if (w !== undefined) c.missed++;
      } else if (w !== undefined) c.missed++;
      counts.set(field, c);
    }
  }
  const fields = new Map<string, FieldScore>();
  let right = 0;
  let there = 0;
  for (const [field, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    fields.set(field, {
      ...c,
      precision: c.right + c.wrong === 0 ? 1 : c.right / (c.right + c.wrong),
      recall: c.right + c.missed === 0 ? 1 : c.right / (c.right + c.missed),
    });
    right += c.right;
    there += c.right + c.missed;
  }
  return { fields, recall: there === 0 ? 1 : right / there, wrongs };
}

/** A PDF of `pages` pages of contract text (a test's or a benchmark's: pdf.js reads it as any other). */
export function contractPdf(pages: number): Buffer {
  return pdfOf(
    Array.from({ length: pages }, (_, p) => [
      `Subscription agreement, page ${p + 1}`,
      ...(p === 0 ? ['Customer: Fabrikam AB', 'Country: Sweden', 'Total value: SEK 1 200 000', 'Start date: 2027-01-01'] : []),
      ...Array.from(
        { length: 40 },
        (_, i) => `${p + 1}.${i + 1} The parties agree that the services are provided as described in schedule ${i + 1}.`,
      ),
    ]),
  );
}

/**
 * A PDF with a text layer: each page's lines in Helvetica, Latin-1 (WinAnsi) so Nordic letters survive. No
 * library writes one here (the product only reads PDFs), and the format's text objects are short.
 */
export function pdfOf(pageLines: readonly (readonly string[])[]): Buffer {
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids: string[] = [];
  for (const lines of pageLines) {
    const pageObj = objects.length + 1;
    const contentObj = pageObj + 1;
    kids.push(`${pageObj} 0 R`);
    const ops = ['BT /F1 10 Tf 50 780 Td', ...lines.map((l, i) => `${i ? '0 -14 Td ' : ''}(${l.replace(/[()\\]/g, '')}) Tj`), 'ET'].join(
      ' ',
    );
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents ${contentObj} 0 R /Resources << /Font << /F1 FONT 0 R >> >> >>`,
    );
    objects.push(`<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}\nendstream`);
  }
  const font = objects.length + 1;
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pageLines.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o.replace('FONT', String(font))}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

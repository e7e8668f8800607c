import { readdirSync, readFileSync } from 'node:fs';
import { type ReadField, readDeal } from '../../src/domain/reading.js';

const DIR = new URL('../fixtures/win-texts/', import.meta.url);

/** The corpus: each text, and what a careful person reads from it. */
export const corpus = {
  texts: () => readdirSync(DIR).filter((f) => f.endsWith('.txt')),
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
export function scoreCorpus(): { fields: Map<string, FieldScore>; recall: number; wrongs: string[] } {
  const counts = new Map<string, { right: number; wrong: number; missed: number }>();
  const wrongs: string[] = [];
  for (const [file, want] of Object.entries(corpus.expected())) {
    const got = readDeal(readFileSync(new URL(file, DIR), 'utf8')) as Record<string, string | undefined>;
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
  const lines = (page: number) => [
    `Subscription agreement, page ${page}`,
    ...(page === 1 ? ['Customer: Fabrikam AB', 'Country: Sweden', 'Total value: SEK 1 200 000', 'Start date: 2027-01-01'] : []),
    ...Array.from(
      { length: 40 },
      (_, i) => `${page}.${i + 1} The parties agree that the services are provided as described in schedule ${i + 1}.`,
    ),
  ];
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids: string[] = [];
  for (let p = 1; p <= pages; p++) {
    const pageObj = objects.length + 1;
    const contentObj = pageObj + 1;
    kids.push(`${pageObj} 0 R`);
    const ops = ['BT /F1 10 Tf 50 780 Td', ...lines(p).map((l, i) => `${i ? '0 -14 Td ' : ''}(${l.replace(/[()\\]/g, '')}) Tj`), 'ET'].join(
      ' ',
    );
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents ${contentObj} 0 R /Resources << /Font << /F1 FONT 0 R >> >> >>`,
    );
    objects.push(`<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`);
  }
  const font = objects.length + 1;
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
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

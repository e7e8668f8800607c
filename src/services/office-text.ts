import { unzipSync } from 'fflate';

/**
 * The text of a Word document or an Excel workbook, for reading a deal from it: the parts that hold words
 * (the document body; the shared strings and sheets), never macros or embedded objects. A table row of two
 * cells reads as "label: value", as a contract's or order's fact table means it; wider rows as cells
 * between bars. Parts are unpacked only while their declared size keeps the whole under a cap, so a small
 * zip that unpacks to gigabytes is not unpacked at all.
 */
const MAX_UNPACKED = 20 * 1024 * 1024;

export function docxText(bytes: Uint8Array): string | undefined {
  const xml = unpacked(bytes, (name) => name === 'word/document.xml')['word/document.xml'];
  if (!xml) return undefined;
  // A table row becomes one paragraph of its own: "label: value".
  const rows = xml.replace(
    /<w:tr[ >][\s\S]*?<\/w:tr>/g,
    (row) => `<w:t>${escaped(rowLine(cellsOf(row, 'w:tc', paragraphText)))}</w:t></w:p>`,
  );
  return paragraphText(rows).trim() || undefined;
}

export function xlsxText(bytes: Uint8Array): string | undefined {
  const parts = unpacked(bytes, (name) => name === 'xl/sharedStrings.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
  const shared = [...(parts['xl/sharedStrings.xml'] ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textRuns(m[1]!, 't'));
  const lines: string[] = [];
  for (const [name, sheet] of Object.entries(parts)) {
    if (!name.startsWith('xl/worksheets/')) continue;
    for (const row of sheet.match(/<row[ >][\s\S]*?<\/row>/g) ?? []) {
      const cells = cellsOf(row, 'c', (cell) => {
        const value = /<v>([\s\S]*?)<\/v>/.exec(cell)?.[1];
        if (/\bt="s"/.test(cell)) return shared[Number(value)] ?? '';
        if (/\bt="inlineStr"/.test(cell)) return textRuns(cell, 't');
        return value === undefined ? '' : entities(value);
      });
      if (cells.length) lines.push(rowLine(cells));
    }
  }
  return lines.join('\n').trim() || undefined;
}

function unpacked(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, string> {
  let budget = MAX_UNPACKED;
  const files = unzipSync(bytes, {
    filter: (file) => {
      if (!wanted(file.name) || file.originalSize > budget) return false;
      budget -= file.originalSize;
      return true;
    },
  });
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, new TextDecoder().decode(data)]));
}

/** The non-empty cells of a table row, each read by `read`. */
function cellsOf(row: string, tag: string, read: (cell: string) => string): string[] {
  const cells = row.match(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`, 'g')) ?? [];
  return cells.map((c) => read(c).replace(/\s+/g, ' ').trim()).filter(Boolean);
}

const rowLine = (cells: readonly string[]) =>
  cells.length === 2 && !cells[0]!.endsWith(':') ? `${cells[0]}: ${cells[1]}` : cells.join(cells.length === 2 ? ' ' : ' | ');

/** Word's text runs, tabs, breaks and paragraph ends, in order; everything else (field codes, deleted text) left out. */
function paragraphText(xml: string): string {
  let text = '';
  for (const [token, run] of xml.matchAll(/<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\/>|<w:br\/>|<\/w:p>/g)) {
    text += run !== undefined ? entities(run) : token === '<w:tab/>' ? '\t' : '\n';
  }
  return text;
}

function textRuns(xml: string, tag: string): string {
  return entities([...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]).join(''));
}

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function entities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import type { StoredRow } from './documents.js';

/**
 * A backup is one gzip-compressed file of JSON lines: a header naming the format and its version, one
 * line per document as the store held it (keyv's row, with its schema version and expiry), and a trailer
 * with the number of rows, so a truncated file is told apart from a complete one.
 */
export const BACKUP_FORMAT = 'dealbot-store-backup';
export const BACKUP_FORMAT_VERSION = 1;

const Header = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  source: z.string(),
});
const Row = z.object({ key: z.string(), raw: z.string() });
const Trailer = z.object({ end: z.literal(true), rows: z.number().int().nonnegative() });

export class BackupFileError extends Error {}

/** Writes the rows to `file` (replacing it only once complete: written to a temporary name first). */
export async function writeBackup(file: string, source: string, rows: AsyncIterable<StoredRow[]>, createdAt: Date): Promise<number> {
  let count = 0;
  async function* lines() {
    yield `${JSON.stringify({ format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, createdAt: createdAt.toISOString(), source })}\n`;
    for await (const page of rows) {
      for (const row of page) {
        count++;
        yield `${JSON.stringify({ key: row.key, raw: row.raw })}\n`;
      }
    }
    yield `${JSON.stringify({ end: true, rows: count })}\n`;
  }
  const partial = `${file}.partial`;
  await pipeline(lines, createGzip(), createWriteStream(partial));
  const { rename } = await import('node:fs/promises');
  await rename(partial, file);
  return count;
}

/** The rows of a backup file, a page at a time; throws BackupFileError for a file that is not a whole backup. */
export async function* readBackup(file: string, pageSize = 500): AsyncIterable<StoredRow[]> {
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let header = false;
  let count = 0;
  let page: StoredRow[] = [];
  try {
    for await (const line of lines) {
      if (!line) continue;
      const json = parseLine(line);
      if (!header) {
        if (!Header.safeParse(json).success)
          throw new BackupFileError(`${file} is not a Dealbot backup (format ${BACKUP_FORMAT} ${BACKUP_FORMAT_VERSION})`);
        header = true;
        continue;
      }
      const trailer = Trailer.safeParse(json);
      if (trailer.success) {
        if (trailer.data.rows !== count) throw new BackupFileError(`${file} says ${trailer.data.rows} rows but holds ${count}`);
        if (page.length > 0) yield page;
        return;
      }
      const row = Row.safeParse(json);
      if (!row.success) throw new BackupFileError(`${file}: line ${count + 2} is not a stored document`);
      count++;
      page.push(row.data);
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    throw new BackupFileError(`${file} cannot be read as a backup: ${(error as Error).message}`);
  }
  throw new BackupFileError(`${file} ends before its last line: the backup is incomplete`);
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

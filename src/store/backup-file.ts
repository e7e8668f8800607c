import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline as streamPipeline, Transform } from 'node:stream';
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
  // The backup holds people's data: readable by its owner alone.
  await pipeline(lines, createGzip(), createWriteStream(partial, { mode: 0o600 }));
  const { rename } = await import('node:fs/promises');
  await rename(partial, file);
  return count;
}

/**
 * The longest line a backup may hold: a document as large as the biggest index a tenant of a million deals
 * keeps (about 10 MB), with room. A longer one is refused while it streams in, before it is held whole.
 */
export const MAX_LINE_BYTES = 32 * 1024 * 1024;

/** Passes the text through, failing as soon as one line grows past `max` bytes. */
function lineLimit(max: number, file: string): Transform {
  let run = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const last = chunk.lastIndexOf(10);
      const first = chunk.indexOf(10);
      const before = first === -1 ? run + chunk.length : run + first;
      run = last === -1 ? run + chunk.length : chunk.length - last - 1;
      if (before > max || run > max)
        done(new BackupFileError(`${file} has a line longer than ${max / 1024 / 1024} MiB: not a Dealbot backup`));
      else done(null, chunk);
    },
  });
}

/** The rows of a backup file, a page at a time; throws BackupFileError for a file that is not a whole backup. */
export async function* readBackup(file: string, pageSize = 500, maxLineBytes = MAX_LINE_BYTES): AsyncIterable<StoredRow[]> {
  // One pipeline: a file that cannot be opened, a broken gzip stream or a line too long ends the reading
  // with that error, rather than an unhandled 'error' event on a stream nobody listens to.
  const input = streamPipeline(createReadStream(file), createGunzip(), lineLimit(maxLineBytes, file), () => undefined);
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

import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { FileKind } from '../domain/deal-file.js';

/** Why a file was not taken: each is told to the seller in a line of their own. */
export type IntakeRefusal = 'host_not_allowed' | 'too_large' | 'type_not_accepted' | 'not_fetched';

export type Intake = { ok: true; bytes: Buffer; kind: FileKind; sha256: string } | { ok: false; why: IntakeRefusal };

/** Whether a download URL is one Teams would give (FILE_DOWNLOAD_HOSTS): nothing else is ever fetched. */
export function allowedDownload(url: string, hosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return hosts.some((entry) => {
    if (entry.startsWith('http://') || entry.startsWith('https://')) return parsed.origin === new URL(entry).origin;
    if (parsed.protocol !== 'https:') return false;
    return entry.startsWith('*.') ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1 : host === entry;
  });
}

const MAX_REDIRECTS = 3;

/**
 * Fetches a file Teams offered: from an allowed host only (a redirect must stay on one too), counted while it
 * streams and cut at `maxBytes`, recognised by its content (not its name), and hashed.
 */
export async function takeFile(url: string, limits: { hosts: readonly string[]; maxBytes: number; timeoutMs?: number }): Promise<Intake> {
  let next = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!allowedDownload(next, limits.hosts)) return { ok: false, why: 'host_not_allowed' };
    let res: Response;
    try {
      res = await fetch(next, { redirect: 'manual', signal: AbortSignal.timeout(limits.timeoutMs ?? 30_000) });
    } catch {
      return { ok: false, why: 'not_fetched' };
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      next = new URL(location, next).toString();
      continue;
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return { ok: false, why: 'not_fetched' };
    }
    const declared = Number(res.headers.get('content-length') ?? 'NaN');
    if (declared > limits.maxBytes) {
      await res.body.cancel();
      return { ok: false, why: 'too_large' };
    }
    const bytes = await readCapped(res.body, limits.maxBytes);
    if (bytes === 'too_large') return { ok: false, why: 'too_large' };
    if (bytes === undefined) return { ok: false, why: 'not_fetched' };
    const kind = await kindOf(bytes);
    if (!kind) return { ok: false, why: 'type_not_accepted' };
    return { ok: true, bytes, kind, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  return { ok: false, why: 'not_fetched' };
}

/** The body, read until it passes `max` bytes (then cancelled): never held whole beyond the cap. */
async function readCapped(body: ReadableStream<Uint8Array>, max: number): Promise<Buffer | 'too_large' | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks, total);
      total += value.byteLength;
      if (total > max) {
        await reader.cancel();
        return 'too_large';
      }
      chunks.push(Buffer.from(value));
    }
  } catch {
    return undefined;
  }
}

const BY_MIME: Record<string, FileKind> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  // Outlook's .msg is a Compound File; so were Office files before 2007, which are not taken.
  'application/x-cfb': 'msg',
};

/** What the content is, by its bytes: a magic number, or for an email (plain text) its RFC 5322 header. */
export async function kindOf(bytes: Buffer): Promise<FileKind | undefined> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const kind = BY_MIME[detected.mime];
    if (kind !== 'msg') return kind;
    return isOutlookMessage(bytes) ? 'msg' : undefined;
  }
  return looksLikeEmail(bytes) ? 'eml' : undefined;
}

/** An Outlook message's compound file names its properties stream "__substg1.0_…" (UTF-16). */
function isOutlookMessage(bytes: Buffer): boolean {
  return bytes.includes(Buffer.from('__substg1.0_', 'utf16le'));
}

/** A saved email: text whose first lines are header fields, among them From and one of Date, Subject or To. */
function looksLikeEmail(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 16 * 1024).toString('utf8');
  if (head.includes('\u0000')) return false;
  const headerBlock = head.split(/\r?\n\r?\n/)[0] ?? '';
  const names = new Set(
    headerBlock
      .split(/\r?\n/)
      .map((line) => /^([A-Za-z][A-Za-z0-9-]*):/.exec(line)?.[1]?.toLowerCase())
      .filter((n): n is string => n !== undefined),
  );
  return names.has('from') && (names.has('date') || names.has('subject') || names.has('to'));
}

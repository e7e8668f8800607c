import { z } from 'zod';
import { type Actor, owns } from './actor.js';
import type { Deal } from './deal.js';
import { ok, type Result, refused } from './refusal.js';

/** The kinds of file a deal takes: a signed contract, a purchase order, a scan, the customer's email. */
export const FILE_KINDS = ['pdf', 'png', 'jpeg', 'docx', 'xlsx', 'eml', 'msg'] as const;
export const FileKind = z.enum(FILE_KINDS);
export type FileKind = z.infer<typeof FileKind>;

/** The media type each kind is served with. */
export const MEDIA_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  eml: 'message/rfc822',
  msg: 'application/vnd.ms-outlook',
};

/** A file kept on a deal: what it is and who sent it when; its bytes are in the file store under `id`. */
export const DealFile = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  name: z.string().min(1).max(255),
  kind: FileKind,
  bytes: z.number().int().nonnegative(),
  /** SHA-256 of the content, hex: the same file sent twice is kept once. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  by: z.string(),
  byName: z.string().optional(),
  at: z.iso.datetime(),
});
export type DealFile = z.infer<typeof DealFile>;

/** A file name as shown and served: no path, no control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  const clean = base.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069"]/gu, '').trim();
  return (clean || 'file').slice(0, 255);
}

/**
 * The deal with the file added: only its seller adds files, and only while the deal is theirs to change or
 * in review (a decided deal is closed); the same content twice is kept once; at most `maxFiles`.
 */
export function attachFile(deal: Deal, file: DealFile, actor: Actor, maxFiles: number, now: Date): Result<{ deal: Deal; added: boolean }> {
  if (!owns(actor, deal)) return refused({ code: 'deal.not_found' });
  if (deal.status === 'approved' || deal.status === 'declined')
    return refused({ code: 'deal.transition_not_allowed', status: deal.status });
  if (deal.files.some((f) => f.sha256 === file.sha256)) return ok({ deal, added: false });
  if (deal.files.length >= maxFiles) return refused({ code: 'deal.too_many_files', max: maxFiles });
  const changed: Deal = { ...deal, files: [...deal.files, file], version: deal.version + 1, updatedAt: now.toISOString() };
  return ok({ deal: changed, added: true });
}

import type { Server } from 'restify';
import { MEDIA_TYPES } from '../domain/deal-file.js';
import type { FileLinks } from '../services/file-links.js';
import { HTML_HEADERS } from './html-headers.js';

const GONE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dealbot</title></head><body><h1>Dealbot</h1>' +
  '<p>This file link has expired or is not yours to open. Open the deal in Teams and choose the file again.</p></body></html>';

/**
 * GET /files/<token>: a deal's file, for the viewer its link was made for (FileLinks). Sent as an
 * attachment of its own type, which no browser may sniff or run as a page.
 */
export function registerFileRoute(server: Server, links: FileLinks): void {
  server.get('/files/:token', async (req, res) => {
    const opened = await links.open(String(req.params.token ?? ''));
    if (!opened.ok) {
      res.writeHead(404, { ...HTML_HEADERS, 'cache-control': 'no-store' });
      res.end(GONE);
      return;
    }
    const { file, bytes } = opened;
    res.writeHead(200, {
      'content-type': MEDIA_TYPES[file.kind],
      'content-length': bytes.length,
      'content-disposition': `attachment; filename="${file.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end(bytes);
  });
}

import type { Server } from 'restify';
import { DEAL_REF } from '../domain/deal-ref.js';
import { HTML_HEADERS } from './html-headers.js';

// A deal link opened in a browser rather than pasted into Teams. The web has no Teams sign-in here, so the
// page says nothing about the deal, not even whether it exists: it tells the reader where to open it.
const page = (ref: string, chatUrl: string | undefined) =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">' +
  `<title>Dealbot: deal ${ref}</title></head><body><h1>Dealbot: deal ${ref}</h1>` +
  `<p>Deals open in Microsoft Teams. Paste this link into a Teams message to share the deal: it shows as the deal’s card to its seller and to the deal desk, and to no one else.</p>` +
  `<p>To open it yourself, say <code>open ${ref}</code> in your chat with Dealbot${chatUrl ? ` (<a href="${chatUrl}">open that chat in Teams</a>)` : ''}.</p>` +
  '</body></html>';

/** GET /deals/D-1A2B3C4D: the link form "Copy link" gives, answered in a browser without a word about the deal. */
export function registerDealLinkPage(server: Server, botAppId: string): void {
  // Teams' deep link to a 1:1 chat with a bot names it by its app id, prefixed 28:.
  const chatUrl = botAppId ? `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botAppId)}` : undefined;
  server.get('/deals/:ref', async (req, res) => {
    const ref = String(req.params.ref ?? '');
    const known = DEAL_REF.test(ref);
    res.writeHead(known ? 200 : 404, { ...HTML_HEADERS, 'cache-control': 'no-store' });
    res.end(
      known
        ? page(ref.toUpperCase(), chatUrl)
        : '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dealbot</title></head><body><h1>Dealbot</h1><p>This is not a deal link: a deal link ends in a reference such as D-1A2B3C4D.</p></body></html>',
    );
  });
}

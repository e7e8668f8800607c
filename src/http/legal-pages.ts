import type { Server } from 'restify';
import { HTML_HEADERS } from './html-headers.js';

// The Teams manifest must link a privacy statement and terms of use; these are the bot's own, served at
// the domain the manifest names, saying plainly what the bot keeps. An operator may link their own instead.
const page = (title: string, paragraphs: string[]) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dealbot: ${title}</title></head><body>` +
  `<h1>Dealbot: ${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;

const PRIVACY = page('privacy', [
  'Dealbot keeps the deals its users register: the customer, solution, values, dates and the registration contact they enter, the status, the deal desk’s comments and each deal’s history.',
  'To reach a user in Teams it keeps their Teams user and tenant ids, their name and email as Teams reports them, and the address of their chat with the bot.',
  'All of it is stored only in the database the organisation running Dealbot configures, and is shared with no one else. Ask that organisation to see or delete what it holds about you.',
]);

const TERMS = page('terms of use', [
  'Dealbot is run by your organisation for registering the deals you have won and following their review.',
  'Register only deals you have won, with true figures; the deal desk decides on each registration.',
]);

export function registerLegalPages(server: Server): void {
  for (const [path, html] of [
    ['/privacy', PRIVACY],
    ['/terms', TERMS],
  ] as const) {
    server.get(path, async (_req, res) => {
      res.writeHead(200, HTML_HEADERS);
      res.end(html);
    });
  }
}

import assert from 'node:assert/strict';
import { catalogues } from '../../bot/i18n/index.js';
import { type Intent, matchIntent } from '../../bot/intents.js';
import { LOCALES } from '../../src/domain/deal.js';

const page = (p: string, filter?: string) => ({ kind: 'page', page: p, filter });

/** What sellers type, and what the bot should take it to mean (undefined: the help card). */
const SAID: [string, Intent | undefined][] = [
  ['register a deal', { kind: 'register' }],
  ['Register a deal!', { kind: 'register' }],
  ['regster a deal', { kind: 'register' }],
  ['New deal', { kind: 'register' }],
  ['registrera ett avtal', { kind: 'register' }],
  ['nytt avtal', { kind: 'register' }],
  ['continue', { kind: 'continue' }],
  ['Fortsätt', { kind: 'continue' }],
  ['my deals', { kind: 'myDeals' }],
  ['Mina avtal', { kind: 'myDeals' }],
  ['show my in-progress deals', page('in_progress') as Intent],
  ['Show me my in progress deals please', page('in_progress') as Intent],
  ['in progres', page('in_progress') as Intent],
  ['shwo my in-progress deals', page('in_progress') as Intent],
  ["what's pending", page('in_progress') as Intent],
  ['pending deals', page('in_progress') as Intent],
  ['väntande avtal', page('in_progress') as Intent],
  ['<at>Dealbot</at> show my in-progress deals', page('in_progress') as Intent],
  ['visa mina pågående avtal', page('in_progress') as Intent],
  ['what needs my attention?', page('action_required') as Intent],
  ['Action requird', page('action_required') as Intent],
  ['åtgärd krävs', page('action_required') as Intent],
  ['update requierd', page('action_required', 'update_required') as Intent],
  ['incomplete deals', page('action_required', 'incomplete') as Intent],
  ['closed', page('closed') as Intent],
  ['cloesd', page('closed') as Intent],
  ['stängda avtal', page('closed') as Intent],
  ['approved', page('closed', 'approved') as Intent],
  ['godkända', page('closed', 'approved') as Intent],
  ['Declined deals', page('closed', 'declined') as Intent],
  ['avböjda', page('closed', 'declined') as Intent],
  ['help', { kind: 'help' }],
  ['hjälp', { kind: 'help' }],
  ['open D-1A2B3C4D', { kind: 'open', ref: 'd-1a2b3c4d' }],
  ['öppna avtal 1a2b3c4d-0000-4000-8000-000000000000', { kind: 'open', ref: '1a2b3c4d-0000-4000-8000-000000000000' }],
  ['show me deals', { kind: 'myDeals' }],
  ['my deals please', { kind: 'myDeals' }],
  ['visa mig avtalen', { kind: 'myDeals' }],
  ['open fabrikam', { kind: 'openByCustomer', customer: 'fabrikam' }],
  ['Open the deal for Contoso AB', { kind: 'openByCustomer', customer: 'contoso ab' }],
  ['öppna avtalet med Northwind', { kind: 'openByCustomer', customer: 'northwind' }],
  ['registrer en avtale', { kind: 'register' }],
  ['Registrer en aftale', { kind: 'register' }],
  ['rekisteröi sopimus', { kind: 'register' }],
  ['vis mine pågående avtaler', page('in_progress') as Intent],
  ['vis mine igangværende aftaler', page('in_progress') as Intent],
  ['näytä käynnissä olevat sopimukseni', page('in_progress') as Intent],
  ['handling kreves', page('action_required') as Intent],
  ['godkendt', page('closed', 'approved') as Intent],
  ['hylätyt', page('closed', 'declined') as Intent],
  ['åpne D-1A2B3C4D', { kind: 'open', ref: 'd-1a2b3c4d' }],
  ['avaa D-1A2B3C4D', { kind: 'open', ref: 'd-1a2b3c4d' }],
  ['mine aftaler', { kind: 'myDeals' }],
  ['asdfgh', undefined],
  ['', undefined],
  ['show me', undefined],
  ['delete everything', undefined],
  ['x'.repeat(5000), undefined],
];

describe('what a typed message means', () => {
  it('understands every command the help card gives, in each language', () => {
    for (const locale of LOCALES) {
      const quoted = (catalogues[locale].help.examples as readonly string[]).flatMap((line) =>
        [...line.matchAll(/"([^"]+)"/g)].map((m) => m[1]!),
      );
      assert.ok(quoted.length >= 10, locale);
      for (const command of quoted) assert.ok(matchIntent(command), `${locale}: "${command}"`);
    }
  });

  it('does not take text far longer than any command for one, however it repeats a phrase', () => {
    for (const length of [200, 5000, 20_000]) assert.equal(matchIntent('closed '.repeat(length / 7)), undefined);
  });

  for (const [text, intent] of SAID) {
    it(`${JSON.stringify(text.slice(0, 50))} → ${intent ? JSON.stringify(intent) : 'the help card'}`, () => {
      assert.deepEqual(matchIntent(text), intent);
    });
  }
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { CARD_NAMES } from '../../bot/render.js';
import { ACTION_ROUTES } from '../../bot/routes.js';
import { VERBS } from '../../bot/verbs.js';
import { dealDetailCard } from '../../bot/views/deal-detail-card.js';
import { dealListCard } from '../../bot/views/deal-list-card.js';
import { dealMatchesCard } from '../../bot/views/deal-matches-card.js';
import { helpCard } from '../../bot/views/help-card.js';
import { noticeCard } from '../../bot/views/notice-card.js';
import { pipelineCard } from '../../bot/views/pipeline-card.js';
import { reviewCard } from '../../bot/views/review-card.js';
import { sharedDealCard } from '../../bot/views/shared-deal-card.js';
import { summaryCard } from '../../bot/views/summary-card.js';
import { viewContext } from '../../bot/views/view-context.js';
import { welcomeCard } from '../../bot/views/welcome-card.js';
import { wizardCard } from '../../bot/views/wizard-card.js';
import { ownerOf } from '../../src/domain/actor.js';
import type { Deal } from '../../src/domain/deal.js';
import { pipeline } from '../../src/domain/pipeline.js';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';
import { STEPS } from '../../src/domain/registration.js';
import { allowedSteps } from '../../src/domain/transition.js';
import { allText, type Json } from '../support/cards.js';
import { adaptiveCardValidator } from '../support/schemas.js';

const HOSTILE = [
  '${owner}',
  '**bold** _it_',
  '[x](https://evil.example)',
  'x'.repeat(5000),
  '🚀👩‍👩‍👧 Rocket AB',
  'שלום עולם مرحبا',
  '<script>alert(1)</script>',
  '{{DATE(2017-02-14T06:08:39Z, LONG)}}',
];

/** The deal card as its owner sees it: the steps the table allows them. */
const asOwner = (deal: Deal) => ({ deal, steps: allowedSteps(deal, ownerOf(deal)) });

function dealWith(text: string): Deal {
  const at = '2026-11-24T10:00:00.000Z';
  return {
    id: 'deal-1',
    tenantId: 't',
    ownerId: 'o',
    locale: 'en',
    status: 'incomplete',
    version: 3,
    createdAt: at,
    updatedAt: at,
    fields: {
      customer: { companyName: text, country: 'SE', city: text, state: text },
      solution: { solutionId: 'sol', contractType: 'new' },
      value: { billingModel: 'payg', currency: 'JPY', totalValue: '120000', solutionValue: '1000' },
      deployment: { deployedOn: 'azure', deployedWhere: 'partner_tenant' },
      dates: { startDate: '2026-11-01', endDate: null, signedDate: '2026-11-02' },
      contact: { firstName: text, lastName: text, phone: '+46812345678', email: 'a@example.com' },
    },
    wizard: { step: 'summary', inputs: { contact: { firstName: text, email: text } } },
    history: [{ at, by: 'o', from: null, to: 'incomplete' }],
    flagged: ['companyName', 'email'],
    source: 'seller',
    outbox: [],
    reminded: {},
    files: [],
  };
}

/** A history in which the deal desk commented with the given text. */
function reviewed(comment: string): Deal['history'] {
  const at = '2026-11-24T11:00:00.000Z';
  return [
    { at, by: 'o', byName: comment, from: null, to: 'incomplete' },
    { at, by: 'o', byName: comment, from: 'incomplete', to: 'in_review' },
    { at, by: 'reviewer', from: 'in_review', to: 'update_required', comment },
  ];
}

describe('card templates', () => {
  const validate = adaptiveCardValidator();
  const assertValid = (card: unknown, what: string) => {
    const ok = validate(card);
    assert.ok(ok, `${what}: ${JSON.stringify(validate.errors?.slice(0, 3), null, 1)}`);
  };

  it('is checked by a validator that does refuse a broken card', () => {
    assert.equal(validate({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock' }] }), false, 'TextBlock without text');
    assert.equal(validate({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }] }), false, 'input without id');
    assert.equal(validate({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'ok' }] }), true);
    const donut = { type: 'Chart.Donut', data: [{ legend: 'In review', value: 2 }], fallback: { type: 'TextBlock', text: '2' } };
    assert.equal(validate({ type: 'AdaptiveCard', version: '1.5', body: [donut] }), true, 'a chart as Teams documents it');
    const { fallback: _none, ...bare } = donut;
    assert.equal(validate({ type: 'AdaptiveCard', version: '1.5', body: [bare] }), false, 'a chart without a fallback');
    assert.equal(
      validate({ type: 'AdaptiveCard', version: '1.5', body: [{ ...donut, data: [{ legend: 'x', value: '2' }] }] }),
      false,
      'a value as text',
    );
  });

  it('has one file per screen, each valid on its own', () => {
    const files = readdirSync(new URL('../../cards/', import.meta.url)).filter((f) => f.endsWith('.json'));
    assert.deepEqual(files.map((f) => f.replace('.json', '')).sort(), [...CARD_NAMES].sort());
    for (const file of files) {
      const template = JSON.parse(readFileSync(new URL(`../../cards/${file}`, import.meta.url), 'utf8'));
      assert.equal(template.version, '1.5', file);
    }
  });

  it('leaves length limits to the server, which names them: Teams would cut long text silently', () => {
    for (const name of CARD_NAMES) {
      const text = readFileSync(new URL(`../../cards/${name}.json`, import.meta.url), 'utf8');
      assert.doesNotMatch(text, /"maxLength"/, name);
    }
  });

  it('uses only verbs the route table knows, and the route table knows every verb', () => {
    const used = new Set<string>();
    for (const name of CARD_NAMES) {
      const text = readFileSync(new URL(`../../cards/${name}.json`, import.meta.url), 'utf8');
      for (const m of text.matchAll(/"verb":\s*"([^"$]+)"/g)) used.add(m[1]!);
    }
    for (const verb of used) assert.ok(Object.values(VERBS).includes(verb as never), `unknown verb ${verb}`);
    assert.deepEqual(Object.keys(ACTION_ROUTES).sort(), Object.values(VERBS).sort());
  });

  for (const locale of ['en', 'sv'] as const) {
    for (const text of HOSTILE) {
      it(`binds every screen to valid 1.5 JSON with ${JSON.stringify(text.slice(0, 30))} (${locale})`, () => {
        const ctx = viewContext(
          { locale, formatLocale: locale === 'sv' ? 'sv-SE' : 'en-GB' },
          [{ id: 'sol', name: text }],
          PARTNER_CENTER_POLICY,
        );
        const deal = dealWith(text);
        const errors = { companyName: { code: 'text.too_long', params: { max: 200 } }, email: { code: 'email.invalid' } };
        const cards: [string, Json][] = [
          ...STEPS.map((step) => [`wizard ${step}`, wizardCard(deal, step, errors, ctx, text)] as [string, Json]),
          ['summary', summaryCard(deal, ctx)],
          ['detail, in review', dealDetailCard(asOwner({ ...deal, status: 'in_review', history: reviewed(text) }), ctx, text, text)],
          ['detail, incomplete', dealDetailCard(asOwner(deal), ctx)],
          ['detail, update required', dealDetailCard(asOwner({ ...deal, status: 'update_required', history: reviewed(text) }), ctx)],
          [
            'list',
            dealListCard(
              'action_required',
              'incomplete',
              { deals: [deal, deal], hasNewer: true, hasOlder: true, latestChange: deal.updatedAt },
              ctx,
              text,
            ),
          ],
          ['matches', dealMatchesCard(text, [deal, deal], ctx)],
          ['empty list', dealListCard('in_progress', undefined, { deals: [], hasNewer: false, hasOlder: false }, ctx)],
          ['help', helpCard(ctx, text)],
          ['pipeline', pipelineCard(pipeline([deal, { ...deal, status: 'approved' }], PARTNER_CENTER_POLICY), 'mine', ctx)],
          ['pipeline, empty, desk', pipelineCard(pipeline([], PARTNER_CENTER_POLICY), 'desk', ctx)],
          ['shared deal', sharedDealCard({ ...deal, status: 'in_review', ownerName: text }, ctx, new Date())],
          ['shared draft', sharedDealCard({ ...deal, fields: {} }, ctx, new Date())],
          [
            'review, actionable',
            reviewCard({ ...deal, status: 'in_review', ownerName: text }, ctx, {
              steps: allowedSteps({ ...deal, status: 'in_review' }, { tenantId: deal.tenantId, id: 'reviewer', roles: ['reviewer'] }),
              refreshUserIds: ['29:a', '29:b'],
              duplicates: [deal],
              notice: text,
              typed: { comment: text, fields: 'companyName,email' },
              errors: { comment: text },
            }),
          ],
          [
            'review, decided',
            reviewCard({ ...deal, status: 'update_required', history: reviewed(text) }, ctx, {
              steps: new Set(),
              refreshUserIds: [],
              duplicates: [],
            }),
          ],
          ['notice', noticeCard(text, [{ verb: VERBS.dealContinue, title: 'Go', data: { dealId: text } }], text)],
          ['welcome', welcomeCard(ctx, text)],
        ];
        for (const [what, card] of cards) {
          assertValid(card, what);
          const json = JSON.stringify(card);
          assert.ok(!/\$\{(?!owner\})/.test(json), `${what} left an expression unbound`);
          assert.ok(!json.includes('"$when"') && !json.includes('"$data"'), `${what} kept template keywords`);
        }
      });
    }
  }

  it('shows user text as plain text runs, never as markdown', () => {
    const ctx = viewContext({ locale: 'en', formatLocale: 'en-US' }, [{ id: 'sol', name: 'Sol' }], PARTNER_CENTER_POLICY);
    const card = summaryCard(dealWith('**bold** [x](https://evil.example) ${owner}'), ctx) as Json;
    const json = JSON.stringify(card);
    const runs = [...json.matchAll(/"type":"TextRun","text":"([^"]*)"/g)].map((m) => m[1]);
    assert.ok(runs.includes('**bold** [x](https://evil.example) ${owner}'));
    assert.ok(!/"type":"TextBlock","text":"\*\*bold/.test(json), 'not in a markdown TextBlock');
    assert.ok(allText(card).includes('${owner}'), 'shown exactly as typed');
  });

  it('words the dates as invoice dates for pay-as-you-go', () => {
    const ctx = viewContext({ locale: 'en', formatLocale: 'en-US' }, [], PARTNER_CENTER_POLICY);
    const deal = { ...dealWith('F'), wizard: { step: 'dates' as const, inputs: {} } };
    const payg = wizardCard(deal, 'dates', {}, ctx);
    assert.match(allText(payg), /Date of the first invoice/);
    assert.equal(allText(payg).match(/first invoice/g)?.length, 1, 'asked once: it is both the start and the signed date');
    const fixed = { ...deal, fields: { ...deal.fields, value: { ...deal.fields.value!, billingModel: 'fixed' as const } } };
    assert.doesNotMatch(allText(wizardCard(fixed, 'dates', {}, ctx)), /invoice/);
  });
});

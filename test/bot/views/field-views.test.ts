import assert from 'node:assert/strict';
import { dealSections } from '../../../bot/views/deal-sections.js';
import { fieldInputs, fieldLabels, fieldRows, rowOf } from '../../../bot/views/field-views.js';
import { stepValues } from '../../../bot/views/step-values.js';
import { viewContext } from '../../../bot/views/view-context.js';
import { PARTNER_CENTER_POLICY } from '../../../src/domain/policy.js';
import { STEP_FIELDS, STEPS } from '../../../src/domain/registration.js';
import { seededDeal } from '../../support/seed.js';

const deal = seededDeal({
  tenantId: 't',
  ownerId: 'o',
  status: 'in_review',
  companyName: 'Fabrikam AB',
  minutesAgo: 0,
  now: new Date('2026-12-07T10:00:00Z'),
});
const ctx = viewContext(
  { locale: 'sv', formatLocale: 'sv-SE' },
  [{ id: 'contoso-ai-insights', name: 'Contoso AI Insights' }],
  PARTNER_CENTER_POLICY,
);

describe('one description per wizard field: label, row and input', () => {
  it('gives each saved field its row, as people read it, and leaves an empty state out', () => {
    const rows = STEPS.flatMap((step) => fieldRows(deal, deal.fields, step, ctx)).map((r) => [
      r.field,
      r.label,
      r.value.replace(/\s/g, ' '),
    ]);
    assert.deepEqual(rows, [
      ['companyName', 'Företagsnamn', 'Fabrikam AB'],
      ['country', 'Land/region', 'Sverige'],
      ['city', 'Ort', 'Stockholm'],
      ['solutionId', 'Lösning', 'Contoso AI Insights'],
      ['contractType', 'Kontraktstyp', 'Nytt'],
      ['billingModel', 'Faktureringsmodell', 'Fast kontrakt'],
      ['totalValue', 'Totalt kontraktsvärde', '120 000,00 EUR'],
      ['solutionValue', 'Lösningsvärde', '100 000,00 EUR'],
      ['deployedOn', 'Distribueras på', 'Azure'],
      ['deployedWhere', 'Distribueras i', 'Kundens klientorganisation'],
      ['startDate', 'Kontraktets startdatum', '7 december 2026'],
      ['endDate', 'Kontraktets slutdatum', 'Permanent'],
      ['signedDate', 'Signerat kontraktsdatum', '7 december 2026'],
      ['firstName', 'Förnamn', 'Anna'],
      ['lastName', 'Efternamn', 'Svensson'],
      ['phone', 'Telefonnummer', '+46 8 123 456 78'],
      ['email', 'E-postadress', 'anna@fabrikam.example'],
    ]);
  });

  it('opens a saved step with what its inputs held: amounts in the seller’s notation, the end as its kind', () => {
    assert.deepEqual(stepValues(deal, 'value', 'sv-SE'), {
      billingModel: 'fixed',
      currency: 'EUR',
      totalValue: '120000',
      solutionValue: '100000',
    });
    assert.deepEqual(fieldInputs(deal, 'dates', 'sv-SE'), {
      startDate: '2026-12-07',
      endKind: 'perpetual',
      endDate: '',
      signedDate: '2026-12-07',
    });
    for (const step of STEPS) assert.deepEqual(Object.keys(fieldInputs(deal, step, 'en-US')), [...STEP_FIELDS[step]]);
  });

  it('words the dates of a pay-as-you-go deal as invoice dates, and reads the currency in the amounts’ row', () => {
    const payg = { ...deal, fields: { ...deal.fields, value: { ...deal.fields.value!, billingModel: 'payg' as const } } };
    assert.notEqual(fieldLabels(payg, ctx).startDate, fieldLabels(deal, ctx).startDate);
    assert.equal(rowOf('currency'), 'totalValue');
    assert.equal(rowOf('endKind'), 'endDate');
    assert.equal(rowOf('city'), 'city');
  });
});

describe('section titles and their Edit buttons', () => {
  it('name the step in lower case where a noun takes no capital ("Redigera kund"), as English does not', () => {
    assert.deepEqual(
      dealSections(deal, ctx).map((s) => s.editTitle),
      ['Redigera kund', 'Redigera lösning', 'Redigera värde', 'Redigera distribution', 'Redigera datum', 'Redigera registreringskontakt'],
    );
    const en = viewContext({ locale: 'en', formatLocale: 'en-US' }, [], PARTNER_CENTER_POLICY);
    assert.equal(dealSections(deal, en)[0]!.editTitle, 'Edit Customer');
  });
});

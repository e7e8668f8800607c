import assert from 'node:assert/strict';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';
import { parseStep, type Step, type StepContext } from '../../src/domain/registration.js';
import { customerKey, customerKeyBeforeLookalikes } from '../../src/domain/review.js';

const TODAY = '2026-11-24';
const ctx: StepContext = {
  decimalSeparator: '.',
  today: TODAY,
  policy: PARTNER_CENTER_POLICY,
  solutionIds: ['sol-a', 'sol-b'],
  draft: { customer: { companyName: 'X', country: 'SE', city: 'Y' } },
  phoneRegion: 'SE',
};

const good: Record<Step, Record<string, string>> = {
  customer: { companyName: 'Fabrikam', country: 'SE', city: 'Malmö', state: '' },
  solution: { solutionId: 'sol-a', contractType: 'renewal' },
  value: { billingModel: 'payg', currency: 'EUR', totalValue: '100000', solutionValue: '100000' },
  deployment: { deployedOn: 'other', deployedWhere: 'partner_tenant' },
  dates: { startDate: '2026-11-01', endKind: 'perpetual', endDate: '', signedDate: TODAY },
  contact: { firstName: 'Anna', lastName: 'Lind', phone: '08-123 456 78', email: 'anna@example.com' },
};

/** One row per rule: the step, what changes from a good answer, the field and the code expected. */
const rules: [Step, Record<string, string>, string, string][] = [
  ['customer', { companyName: '' }, 'companyName', 'text.required'],
  ['customer', { companyName: '   ' }, 'companyName', 'text.required'],
  ['customer', { companyName: 'x'.repeat(201) }, 'companyName', 'text.too_long'],
  ['customer', { companyName: 'Evil\u202eCorp' }, 'companyName', 'text.control_chars'],
  ['customer', { companyName: 'Bell\u0007' }, 'companyName', 'text.control_chars'],
  ['customer', { country: '' }, 'country', 'country.invalid'],
  ['customer', { country: 'XX' }, 'country', 'country.invalid'],
  ['customer', { city: '' }, 'city', 'text.required'],
  ['customer', { country: 'US', state: '' }, 'state', 'state.required'],
  ['solution', { solutionId: 'sol-z' }, 'solutionId', 'solution.unknown'],
  ['solution', { solutionId: '' }, 'solutionId', 'solution.unknown'],
  ['solution', { contractType: 'lease' }, 'contractType', 'choice.required'],
  ['value', { billingModel: '' }, 'billingModel', 'choice.required'],
  ['value', { currency: 'ABC' }, 'currency', 'currency.invalid'],
  ['value', { totalValue: '' }, 'totalValue', 'money.required'],
  ['value', { totalValue: 'lots' }, 'totalValue', 'money.invalid'],
  ['value', { totalValue: '0' }, 'totalValue', 'money.not_positive'],
  ['value', { currency: 'JPY', totalValue: '100.5' }, 'totalValue', 'money.too_many_decimals'],
  ['value', { solutionValue: '100000.01' }, 'solutionValue', 'money.solution_exceeds_total'],
  ['deployment', { deployedOn: 'gcp' }, 'deployedOn', 'choice.required'],
  ['deployment', { deployedWhere: '' }, 'deployedWhere', 'choice.required'],
  ['dates', { startDate: '' }, 'startDate', 'date.required'],
  ['dates', { startDate: '2026-02-30' }, 'startDate', 'date.invalid'],
  ['dates', { startDate: '24/11/2026' }, 'startDate', 'date.invalid'],
  ['dates', { endKind: '' }, 'endKind', 'choice.required'],
  ['dates', { endKind: 'date', endDate: '' }, 'endDate', 'date.end_required'],
  ['dates', { endKind: 'date', endDate: '2026-10-31' }, 'endDate', 'date.end_before_start'],
  ['dates', { signedDate: '2026-11-25' }, 'signedDate', 'date.signed_in_future'],
  ['dates', { signedDate: '2026-09-24' }, 'signedDate', 'window.signed_too_old'],
  ['dates', { startDate: '2026-08-25', signedDate: '2026-11-01' }, 'startDate', 'window.start_too_old'],
  ['contact', { firstName: '' }, 'firstName', 'text.required'],
  ['contact', { lastName: 'y'.repeat(101) }, 'lastName', 'text.too_long'],
  ['contact', { phone: '' }, 'phone', 'phone.required'],
  ['contact', { phone: '12' }, 'phone', 'phone.invalid'],
  ['contact', { phone: 'call me' }, 'phone', 'phone.invalid'],
  ['contact', { email: '' }, 'email', 'email.required'],
  ['contact', { email: 'anna@' }, 'email', 'email.invalid'],
  ['contact', { email: 'anna example.com' }, 'email', 'email.invalid'],
];

describe('every validation rule of a registration step', () => {
  for (const step of Object.keys(good) as Step[]) {
    it(`accepts a good ${step}`, () => {
      const result = parseStep(step, good[step], ctx);
      assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    });
  }
  for (const [step, change, field, code] of rules) {
    it(`${step}: ${JSON.stringify(change).slice(0, 60)} gives ${field} ${code}`, () => {
      const result = parseStep(step, { ...good[step], ...change }, ctx);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.errors[field]?.code, code, JSON.stringify(!result.ok && result.errors));
    });
  }

  it('keeps the boundaries of the registration window', () => {
    const at = (signedDate: string, startDate = '2026-11-01') => parseStep('dates', { ...good.dates, signedDate, startDate }, ctx).ok;
    assert.equal(at('2026-09-25'), true, 'signed exactly 60 days ago');
    assert.equal(at('2026-09-24'), false, '61 days ago');
    assert.equal(at('2026-11-01', '2026-08-26'), true, 'started exactly 90 days ago');
    assert.equal(at(TODAY, '2027-06-01'), true, 'a start in the future is fine');
  });

  it('accepts 29 February in a leap year only', () => {
    const leap = { ...ctx, today: '2028-03-01' };
    assert.ok(parseStep('dates', { ...good.dates, startDate: '2028-02-29', signedDate: '2028-02-29' }, leap).ok);
    assert.equal(parseStep('dates', { ...good.dates, startDate: '2027-02-29' }, ctx).ok, false);
  });

  it('stores clean values: trimmed text, upper-case codes, E.164 phones, exact amounts', () => {
    const customer = parseStep('customer', { ...good.customer, companyName: '  Fabrikam  ', country: 'se' }, ctx);
    assert.deepEqual(customer.ok && customer.value, { companyName: 'Fabrikam', country: 'SE', city: 'Malmö', state: undefined });
    const contact = parseStep('contact', good.contact, ctx);
    assert.equal(
      contact.ok && (contact.value as { phone: string }).phone,
      '+46812345678',
      'national number read in the seller organisation’s country',
    );
    const value = parseStep('value', { ...good.value, totalValue: '1,234.50', solutionValue: '1,000' }, ctx);
    assert.deepEqual(value.ok && value.value, { billingModel: 'payg', currency: 'EUR', totalValue: '1234.5', solutionValue: '1000' });
    const dates = parseStep('dates', { ...good.dates, endKind: 'date', endDate: '2029-10-31' }, ctx);
    assert.deepEqual(dates.ok && dates.value, { startDate: '2026-11-01', endDate: '2029-10-31', signedDate: TODAY });
  });

  it('keeps text that looks like markup or template expressions exactly as typed', () => {
    for (const companyName of ['${owner}', '**bold**', '[x](https://evil.example)', 'شركة', '🚀 Rocket AB']) {
      const result = parseStep('customer', { ...good.customer, companyName }, ctx);
      assert.equal(result.ok && (result.value as { companyName: string }).companyName, companyName);
    }
  });
});

describe('the duplicate rule’s customer key', () => {
  it('folds look-alike letters, so "Соntоsо" in Cyrillic or "Fabrıkam" with a dotless i is the same customer', () => {
    assert.equal(customerKey('Соntоsо AB', 'SE'), customerKey('Contoso AB', 'SE'));
    assert.equal(customerKey('Fabrıkam', 'SE'), customerKey('FABRIKAM', 'SE'));
    assert.equal(customerKey('Ørsted A/S', 'DK'), customerKey('orsted as', 'DK'));
    assert.notEqual(customerKey('Contoso', 'SE'), customerKey('Contoso', 'NO'));
    assert.notEqual(customerKey('Modern AB', 'SE'), customerKey('Rnodern AB', 'SE'), 'ASCII keeps its own letters');
  });

  it('still finds deals indexed before look-alikes were folded', () => {
    assert.equal(customerKeyBeforeLookalikes('Contoso AB', 'SE'), customerKey('Contoso AB', 'SE'), 'plain names kept their key');
    assert.notEqual(customerKeyBeforeLookalikes('Ørsted', 'DK'), customerKey('Ørsted', 'DK'));
  });
});

import assert from 'node:assert/strict';
import type { Deal } from '../../src/domain/deal.js';
import { prefillFromReading } from '../../src/domain/prefill.js';
import { seededDeal } from '../support/seed.js';

const draft = (): Deal => {
  const deal = seededDeal({ tenantId: 't', ownerId: 'o', status: 'incomplete', companyName: 'X', minutesAgo: 0 });
  return { ...deal, fields: { customer: deal.fields.customer }, wizard: { step: 'solution', inputs: { value: { totalValue: '99' } } } };
};

describe('what was read, put into a draft', () => {
  it('fills the inputs of steps not saved yet, as the seller would type them, and remembers where each came from', () => {
    const { deal, filled } = prefillFromReading(
      draft(),
      {
        companyName: 'Fabrikam AB',
        currency: 'EUR',
        totalValue: '250000.5',
        solutionValue: '200000',
        endDate: '2028-01-31',
        email: 'k@x.example',
      },
      'contract.pdf',
      ',',
    );
    assert.equal(deal.wizard.inputs.customer, undefined, 'the saved customer step is left as it is');
    assert.deepEqual(
      deal.wizard.inputs.value,
      { totalValue: '99', currency: 'EUR', solutionValue: '200000' },
      'what the seller typed stays',
    );
    assert.deepEqual(deal.wizard.inputs.dates, { endKind: 'date', endDate: '2028-01-31' });
    assert.equal(deal.wizard.inputs.contact?.email, 'k@x.example');
    assert.deepEqual(filled.sort(), ['currency', 'email', 'endDate', 'solutionValue']);
    assert.equal(deal.wizard.readFrom?.currency, 'contract.pdf');
    assert.equal(deal.wizard.readFrom?.companyName, undefined);
  });

  it('writes amounts with the seller’s decimal separator, and changes nothing when nothing was read', () => {
    const { deal } = prefillFromReading({ ...draft(), wizard: { step: 'customer', inputs: {} } }, { totalValue: '250000.5' }, 'mail', ',');
    assert.equal(deal.wizard.inputs.value?.totalValue, '250000,5');
    const same = draft();
    assert.equal(prefillFromReading(same, {}, 'mail', '.').deal, same);
  });
});

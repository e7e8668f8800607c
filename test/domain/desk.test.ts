import assert from 'node:assert/strict';
import { claim, conversationFor, type Desk, EMPTY_DESK, RoutingRule, routeOf, unclaimedNames } from '../../src/domain/desk.js';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';
import { Registration } from '../../src/domain/registration.js';
import { seededDeal } from '../support/seed.js';

const registration = (country: string, totalValue: string) => {
  const deal = seededDeal({ tenantId: 't1', ownerId: 'o1', status: 'in_review', companyName: 'Fabrikam AB', minutesAgo: 1 });
  return Registration.parse({
    ...deal.fields,
    customer: { ...deal.fields.customer, country },
    value: { ...deal.fields.value, currency: 'EUR', totalValue, solutionValue: '1' },
  });
};
const conversation = (name: string, conversationId: string) => ({
  name,
  reference: {
    serviceUrl: 'https://smba.example/',
    channelId: 'msteams',
    conversationId,
    conversationType: 'channel',
    tenantId: 't1',
    botId: 'b',
  },
  reviewerIds: [],
  locale: 'en' as const,
  formatLocale: 'en-US',
  timeZone: 'UTC',
});

describe('the deal desk’s routing', () => {
  const rules = [
    RoutingRule.parse({ conversation: 'Nordic', countries: ['SE', 'NO'] }),
    RoutingRule.parse({ conversation: 'Big', annualValue: { currency: 'EUR', min: '1000000' }, approvals: 2 }),
  ];

  it('sends a deal where the first matching rule says, with the approvals it asks', () => {
    assert.deepEqual(routeOf(rules, registration('SE', '5000000'), PARTNER_CENTER_POLICY), {
      conversation: 'Nordic',
      approvalsRequired: 1,
    });
    assert.deepEqual(routeOf(rules, registration('DE', '12000000'), PARTNER_CENTER_POLICY), { conversation: 'Big', approvalsRequired: 2 });
    assert.deepEqual(routeOf(rules, registration('DE', '100000'), PARTNER_CENTER_POLICY), { approvalsRequired: 1 }, 'the default');
  });

  it('keeps one name per conversation and one conversation per name', () => {
    let desk: Desk = claim(EMPTY_DESK, conversation('default', 'c1'));
    desk = claim(desk, conversation('Nordic', 'c1'));
    assert.deepEqual(
      desk.conversations.map((c) => c.name),
      ['Nordic'],
      'claimed again under a new name',
    );
    desk = claim(desk, conversation('default', 'c2'));
    assert.equal(conversationFor(desk, 'Nordic')?.reference.conversationId, 'c1');
    assert.equal(conversationFor(desk, 'Released')?.reference.conversationId, 'c2', 'a name nobody holds: the default');
    assert.deepEqual(unclaimedNames(desk, rules), ['Big']);
  });
});

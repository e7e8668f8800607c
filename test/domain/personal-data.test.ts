import assert from 'node:assert/strict';
import type { Actor } from '../../src/domain/actor.js';
import type { Deal } from '../../src/domain/deal.js';
import { erasePerson, personInDeal, REDACTED } from '../../src/domain/personal-data.js';
import { seededDeal } from '../support/seed.js';

const now = new Date('2026-12-07T10:00:00Z');
const ADMIN: Actor = { tenantId: 't1', roles: ['admin'], id: 'api-key:admin' };
const deal = () => seededDeal({ now, tenantId: 't1', ownerId: 'o1', status: 'approved', companyName: 'Fabrikam AB', minutesAgo: 5 });

describe('a person’s data in a deal', () => {
  it('is found as its owner, its registration contact, or an author of its history', () => {
    assert.deepEqual(personInDeal(deal(), { userId: 'o1' })?.owner, true);
    assert.equal(personInDeal(deal(), { email: 'ANNA@fabrikam.example' })?.contact, true);
    assert.equal(personInDeal(deal(), { userId: 'reviewer-1' })?.history.length, 1);
    assert.equal(personInDeal(deal(), { userId: 'nobody' }), undefined);
  });

  it('is replaced by the marker on erasure, the erasure recorded, and erasing again changes nothing', () => {
    const erased = erasePerson(deal(), { userId: 'o1', email: 'anna@fabrikam.example' }, ADMIN, now);
    assert.ok(erased.ok);
    assert.equal(erased.value.ownerId, REDACTED);
    assert.equal(erased.value.fields.contact?.email, REDACTED);
    assert.ok(erased.value.history.every((h) => h.by !== 'o1'));
    assert.equal(erased.value.history.at(-1)?.kind, 'erased');
    assert.equal(personInDeal(erased.value, { userId: 'o1', email: 'anna@fabrikam.example' }), undefined);
  });

  it('is found and erased wherever a deal keeps a contact: unsaved inputs and the fields before an update', () => {
    const karin = { firstName: 'Karin', lastName: 'Lund', phone: '070-123', email: 'karin@fabrikam.example' };
    const kept: Deal = {
      ...deal(),
      wizard: {
        step: 'contact',
        inputs: { contact: karin },
        update: { steps: ['contact'], before: { ...deal().fields, contact: { ...karin, phone: '+4670123' } }, unchangedConfirmed: false },
      },
    };
    const found = personInDeal(kept, { email: 'KARIN@fabrikam.example' });
    assert.deepEqual(
      found?.contactPlaces.map((c) => c.place),
      ['unsaved_input', 'before_update'],
    );
    const erased = erasePerson(kept, { email: 'karin@fabrikam.example' }, ADMIN, now);
    assert.ok(erased.ok);
    assert.ok(!JSON.stringify(erased.value).includes('Lund'));
    assert.equal(erased.value.fields.contact?.lastName, 'Svensson', 'the registration names someone else and stays');
  });

  it('keeps an erased approver as the pseudonym it is given', () => {
    const approved: Deal = {
      ...deal(),
      review: { approvalsRequired: 2, approvals: [{ by: 'rev-9', byName: 'Rev', at: now.toISOString() }] },
    };
    const erased = erasePerson(approved, { userId: 'rev-9' }, ADMIN, now, 'erased:0f0f');
    assert.ok(erased.ok);
    assert.deepEqual(
      erased.value.review?.approvals.map((a) => [a.by, a.byName]),
      [['erased:0f0f', REDACTED]],
    );
  });
});

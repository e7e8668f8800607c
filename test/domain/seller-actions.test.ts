import assert from 'node:assert/strict';
import type { Actor } from '../../src/domain/actor.js';
import { reply, withdraw } from '../../src/domain/seller-actions.js';
import { seededDeal } from '../support/seed.js';

const now = new Date('2026-12-07T10:00:00Z');
const SELLER: Actor = { tenantId: 't1', id: 'o1', name: 'Anna', roles: ['seller'] };
const inReview = () => seededDeal({ now, tenantId: 't1', ownerId: 'o1', status: 'in_review', companyName: 'Fabrikam AB', minutesAgo: 5 });

describe('what a seller does to a deal under review', () => {
  it('withdraws a deal In review to Incomplete, recording it, and owes the desk a card showing it', () => {
    const done = withdraw(inReview(), SELLER, now);
    assert.ok(done.ok);
    assert.equal(done.value.status, 'incomplete');
    assert.equal(done.value.history.at(-1)?.kind, 'withdrawn');
    assert.ok(done.value.outbox.some((e) => e.audience === 'desk'));
  });

  it('replies to the desk without changing the status', () => {
    const done = reply(inReview(), 'The PO is attached to the CRM record.', SELLER, now);
    assert.ok(done.ok);
    assert.equal(done.value.status, 'in_review');
    assert.equal(done.value.history.at(-1)?.comment, 'The PO is attached to the CRM record.');
    assert.equal(done.value.history.at(-1)?.kind, 'reply');
  });

  it('refuses both on someone else’s deal and on a closed one', () => {
    assert.equal(withdraw(inReview(), { ...SELLER, id: 'o2' }, now).ok, false);
    const approved = seededDeal({ now, tenantId: 't1', ownerId: 'o1', status: 'approved', companyName: 'X', minutesAgo: 1 });
    assert.equal(reply(approved, 'hello', SELLER, now).ok, false);
  });
});

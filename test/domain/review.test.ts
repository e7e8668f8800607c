import assert from 'node:assert/strict';
import type { Actor } from '../../src/domain/actor.js';
import type { Deal } from '../../src/domain/deal.js';
import { comparableName, customerKey, decide } from '../../src/domain/review.js';
import { seededDeal } from '../support/seed.js';

const now = new Date('2026-12-07T10:00:00Z');
const inReview = (approvalsRequired: 1 | 2 = 1): Deal => ({
  ...seededDeal({ now, tenantId: 't1', ownerId: 'o1', status: 'in_review', companyName: 'Fabrikam AB', minutesAgo: 5 }),
  review: { approvalsRequired, approvals: [] },
});
const reviewer = (id: string, name?: string): Actor => ({ tenantId: 't1', id, name, roles: ['seller', 'reviewer'] });
const DESK = reviewer('rev-1', 'Deal Desk');

describe('the deal desk’s decision (domain)', () => {
  it('approves: status, history, the owner’s notice and the review card’s update in one version', () => {
    const done = decide(inReview(), 'approve', DESK, {}, now);
    assert.ok(done.ok);
    assert.equal(done.value.status, 'approved');
    assert.equal(done.value.history.at(-1)?.by, 'rev-1');
    assert.ok(
      done.value.outbox.some((e) => e.audience === 'owner'),
      'the owner is told',
    );
    assert.ok(
      done.value.outbox.some((e) => e.audience === 'desk'),
      'the card is updated',
    );
  });

  it('asks a comment of a decline and a send-back, and keeps the fields flagged', () => {
    assert.equal(decide(inReview(), 'decline', DESK, {}, now).ok, false);
    const back = decide(inReview(), 'requestUpdate', DESK, { comment: 'Fix the value', fields: ['totalValue', 'totalValue'] }, now);
    assert.ok(back.ok);
    assert.equal(back.value.status, 'update_required');
    assert.deepEqual(back.value.flagged, ['totalValue']);
  });

  it('four-eyes: a first approval keeps the deal In review and tells no one; a second, different reviewer decides', () => {
    const first = decide(inReview(2), 'approve', DESK, {}, now);
    assert.ok(first.ok);
    assert.equal(first.value.status, 'in_review');
    assert.equal(first.value.review?.approvals.length, 1);
    assert.ok(!first.value.outbox.some((e) => e.audience === 'owner'));
    const again = decide(first.value, 'approve', DESK, {}, now);
    assert.ok(!again.ok && again.refusal.code === 'deal.already_approved_by_you');
    const second = decide(first.value, 'approve', reviewer('rev-2'), {}, now);
    assert.ok(second.ok);
    assert.equal(second.value.status, 'approved');
  });

  it('four-eyes counts people: under any id they have, and never a key bound to no one as the second', () => {
    const first = decide(inReview(2), 'approve', DESK, {}, now);
    assert.ok(first.ok);
    const erasedSince: Deal = {
      ...first.value,
      review: { ...first.value.review!, approvals: [{ by: 'erased:abc', at: now.toISOString() }] },
    };
    const sameUnderPseudonym = decide(erasedSince, 'approve', { ...DESK, aliases: ['erased:abc'] }, {}, now);
    assert.ok(!sameUnderPseudonym.ok && sameUnderPseudonym.refusal.code === 'deal.already_approved_by_you');
    const key = { ...reviewer('api-key:0000aaaa'), unboundKey: true };
    const byKey = decide(first.value, 'approve', key, {}, now);
    assert.ok(!byKey.ok && byKey.refusal.code === 'deal.second_approval_needs_person');
    const ruleAllows: Deal = { ...first.value, review: { ...first.value.review!, secondApprovalByKey: true } };
    assert.equal(decide(ruleAllows, 'approve', key, {}, now).ok, true);
    assert.equal(decide(inReview(2), 'approve', key, {}, now).ok, true, 'a key may give the first');
  });

  it('refuses a decision on a deal not In review, and on the reviewer’s own deal', () => {
    const approved = decide(inReview(), 'approve', DESK, {}, now);
    assert.ok(approved.ok);
    assert.equal(decide(approved.value, 'approve', reviewer('rev-2'), {}, now).ok, false);
    assert.equal(decide(inReview(), 'approve', reviewer('o1'), {}, now).ok, false, 'the owner reviewing their own deal');
    assert.equal(decide(inReview(), 'approve', { ...reviewer('s2'), roles: ['seller'] }, {}, now).ok, false, 'a seller is no reviewer');
  });

  it('compares customers without case, accents, punctuation or look-alike letters, per country', () => {
    assert.equal(comparableName('Fabrikam, A.B.'), comparableName('fabrikam ab'));
    assert.equal(comparableName('Fаbrikam'), comparableName('Fabrikam'), 'a Cyrillic а passes for a Latin a');
    assert.notEqual(customerKey('Fabrikam', 'SE'), customerKey('Fabrikam', 'NO'));
  });
});

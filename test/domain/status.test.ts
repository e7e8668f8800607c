import assert from 'node:assert/strict';
import { isEditable, STATUSES } from '../../src/domain/status.js';
import { canApply, TRANSITIONS, type TransitionName } from '../../src/domain/transition.js';

describe('the status machine', () => {
  const allowed: Record<TransitionName, string[]> = {
    register: ['incomplete', 'update_required'],
    discard: ['incomplete'],
    startUpdate: ['update_required'],
    approve: ['in_review'],
    firstApproval: ['in_review'],
    decline: ['in_review'],
    requestUpdate: ['in_review'],
    withdraw: ['in_review'],
    replyInReview: ['in_review'],
    replyToUpdate: ['update_required'],
    recordErasure: ['incomplete', 'in_review', 'update_required', 'approved', 'declined'],
  };
  for (const action of Object.keys(TRANSITIONS) as TransitionName[]) {
    for (const from of STATUSES) {
      const expected = allowed[action]!.includes(from);
      it(`${expected ? 'allows' : 'refuses'} ${action} from ${from}`, () => assert.equal(canApply(action, from), expected));
    }
  }
  it('lets the seller edit only Incomplete and Update required deals', () => {
    assert.deepEqual(STATUSES.filter(isEditable), ['incomplete', 'update_required']);
  });
  it('keeps Approved and Declined final: only an erasure is recorded on them, and it keeps the status', () => {
    for (const action of Object.keys(TRANSITIONS) as TransitionName[]) {
      const keeps = TRANSITIONS[action].to === 'unchanged';
      assert.equal(canApply(action, 'approved'), keeps, action);
      assert.equal(canApply(action, 'declined'), keeps, action);
    }
  });
});

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
  it('keeps Approved and Declined final', () => {
    for (const action of Object.keys(TRANSITIONS) as TransitionName[]) {
      assert.equal(canApply(action, 'approved'), false);
      assert.equal(canApply(action, 'declined'), false);
    }
  });
});

import assert from 'node:assert/strict';
import { ACTIONS, type Action, canApply, isEditable, STATUSES } from '../../src/domain/status.js';

describe('the status machine', () => {
  const allowed: Record<Action, string[]> = {
    register: ['incomplete', 'update_required'],
    approve: ['in_review'],
    decline: ['in_review'],
    requestUpdate: ['in_review'],
    withdraw: ['in_review'],
  };
  for (const action of Object.keys(ACTIONS) as Action[]) {
    for (const from of STATUSES) {
      const expected = allowed[action].includes(from);
      it(`${expected ? 'allows' : 'refuses'} ${action} from ${from}`, () => assert.equal(canApply(action, from), expected));
    }
  }
  it('lets the seller edit only Incomplete and Update required deals', () => {
    assert.deepEqual(STATUSES.filter(isEditable), ['incomplete', 'update_required']);
  });
  it('keeps Approved and Declined final', () => {
    for (const action of Object.keys(ACTIONS) as Action[]) {
      assert.equal(canApply(action, 'approved'), false);
      assert.equal(canApply(action, 'declined'), false);
    }
  });
});

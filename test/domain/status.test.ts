import assert from 'node:assert/strict';
import { PAGE_NAMES, PAGES, pageOf, STATUSES } from '../../src/domain/status.js';
import { canApply, TRANSITIONS, type TransitionName } from '../../src/domain/transition.js';

describe('statuses and their pages', () => {
  it('puts every status on exactly one of Partner Center’s pages, in the order of the statuses', () => {
    assert.deepEqual(PAGES, {
      action_required: ['incomplete', 'update_required'],
      in_progress: ['in_review'],
      closed: ['approved', 'declined'],
    });
    for (const status of STATUSES) assert.equal(PAGE_NAMES.filter((page) => PAGES[page].includes(status)).length, 1, status);
    for (const status of STATUSES) assert.ok(PAGES[pageOf(status)].includes(status));
  });

  it('keeps Approved and Declined final: only an erasure is recorded on them, and it keeps the status', () => {
    for (const action of Object.keys(TRANSITIONS) as TransitionName[]) {
      const keeps = TRANSITIONS[action].to === 'unchanged' && TRANSITIONS[action].by === 'admin';
      assert.equal(canApply(action, 'approved'), keeps, action);
      assert.equal(canApply(action, 'declined'), keeps, action);
    }
  });

  it('lets the wizard edit a deal exactly where it can be registered from', () => {
    for (const status of STATUSES) assert.equal(canApply('edit', status), canApply('register', status), status);
  });
});

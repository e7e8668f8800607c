import assert from 'node:assert/strict';
import { ok, refused, unhandled } from '../../src/domain/refusal.js';

describe('refusals as values', () => {
  it('are results that say ok or what was refused', () => {
    assert.deepEqual(ok(1), { ok: true, value: 1 });
    assert.deepEqual(refused({ code: 'deal.not_found' }), { ok: false, refusal: { code: 'deal.not_found' } });
  });

  it('fail loudly where a mapping meets a kind it does not know', () => {
    assert.throws(() => unhandled({ code: 'deal.new_kind' } as never), /refusal not mapped/);
  });
});

import assert from 'node:assert/strict';
import { dayIn, reviewDigest } from '../../src/domain/review-digest.js';

describe('the review conversation’s daily digest', () => {
  it('is one message owed to the desk, naming the deals', () => {
    const digest = reviewDigest('t1', 'default', '2026-12-07', ['a', 'b'], new Date('2026-12-07T10:00:00Z'));
    assert.deepEqual(digest.dealIds, ['a', 'b']);
    assert.equal(digest.outbox.length, 1);
    assert.equal(digest.outbox[0]?.audience, 'desk');
  });

  it('is dated by the conversation’s own day, UTC for a zone the runtime does not know', () => {
    const lateEvening = new Date('2026-12-07T23:30:00Z');
    assert.equal(dayIn('Europe/Stockholm', lateEvening), '2026-12-08');
    assert.equal(dayIn('America/New_York', lateEvening), '2026-12-07');
    assert.equal(dayIn('Not/AZone', lateEvening), '2026-12-07');
  });
});

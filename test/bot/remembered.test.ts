import assert from 'node:assert/strict';
import { Remembered } from '../../bot/remembered.js';

describe('remembered answers', () => {
  it('works an answer out once per key, and starts afresh when full, so client-chosen keys stay bounded', () => {
    const worked: string[] = [];
    const remembered = new Remembered<string>(2);
    const answer = (key: string) =>
      remembered.get(key, (k) => {
        worked.push(k);
        return k.toUpperCase();
      });
    assert.equal(answer('a'), 'A');
    assert.equal(answer('a'), 'A');
    answer('b');
    assert.deepEqual(worked, ['a', 'b']);
    answer('c'); // full: forgets a and b
    answer('a');
    assert.deepEqual(worked, ['a', 'b', 'c', 'a']);
  });
});

import assert from 'node:assert/strict';
import { lineOfText, optionalLineOfText } from '../../src/domain/text.js';

describe('a line of user text', () => {
  const line = lineOfText(10);

  it('is normalised and trimmed', () => {
    assert.equal(line.parse('  Cafe\u0301  '), 'Café');
  });

  it('is refused empty, too long, or with control or bidi-override characters, by code', () => {
    const code = (text: string) => line.safeParse(text).error?.issues[0]?.message;
    assert.equal(code('   '), 'text.required');
    assert.equal(code('x'.repeat(11)), 'text.too_long');
    assert.equal(code('a\u0007b'), 'text.control_chars');
    assert.equal(code('abc\u202edef'), 'text.control_chars');
  });

  it('may be left empty where optional, and is then undefined', () => {
    assert.equal(optionalLineOfText(10).parse('  '), undefined);
    assert.equal(optionalLineOfText(10).parse(' ok '), 'ok');
  });
});

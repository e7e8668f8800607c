import assert from 'node:assert/strict';
import { z } from 'zod';
import { parseWith } from '../../src/domain/field-error.js';

describe('field errors', () => {
  const Schema = z.object({ name: z.string().min(1).max(3), email: z.email({ error: 'email.invalid' }) });

  it('name one code per field, the first issue winning, with what the message needs', () => {
    const parsed = parseWith(Schema, { name: 'toolong', email: 'nope' });
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.errors.name, { code: 'text.too_long', params: { max: 3 } });
    assert.equal(parsed.errors.email?.code, 'email.invalid', 'a code given in the schema is kept');
    assert.equal(parseWith(Schema, { email: 'a@b.example' }).ok, false);
  });

  it('give the value when it parses', () => {
    assert.deepEqual(parseWith(Schema, { name: 'ab', email: 'a@b.example' }), { ok: true, value: { name: 'ab', email: 'a@b.example' } });
  });
});

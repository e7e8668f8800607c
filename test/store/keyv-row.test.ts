import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Keyv } from 'keyv';
import { plainRow } from '../../src/store/keyv-documents.js';
import { seededDeal } from '../support/seed.js';

// keyv's own writer and reader, the format every stored row is in.
const keyv = new Keyv();
const written = async (value: unknown) => (await keyv.serializeData({ value, expires: undefined })) as string;

/** Strings as users type them, and the ones keyv escapes: a leading ":" and its ":base64:" marker. */
const text = fc.oneof(
  fc.string(),
  fc.string().map((s) => `:${s}`),
  fc.string().map((s) => `::${s}`),
  fc.constant(':base64:aGk='),
);
const documents = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
})).value;

describe('reading keyv rows without its reviver', () => {
  it('reads every row exactly as keyv does, or leaves it to keyv', async () => {
    await fc.assert(
      fc.asyncProperty(documents, async (value) => {
        const raw = await written(value);
        const fast = plainRow(raw);
        if (fast !== undefined) assert.deepEqual(fast, await keyv.deserializeData(raw));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves to keyv any row holding a string that starts with ":"', async () => {
    for (const value of [':x', { note: ':)' }, ['a', '::b'], { deep: { list: [1, ':base64:aGk='] } }]) {
      assert.equal(plainRow(await written(value)), undefined, JSON.stringify(value));
    }
  });

  it('reads a whole deal the fast way', async () => {
    const deal = seededDeal({
      tenantId: 't',
      ownerId: 'o',
      status: 'approved',
      companyName: 'Northwind AB',
      minutesAgo: 5,
      comment: 'OK: fine',
    });
    assert.deepEqual(plainRow(await written(deal))?.value, JSON.parse(JSON.stringify(deal)));
  });
});

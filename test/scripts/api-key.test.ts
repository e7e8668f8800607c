import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseConfig } from '../../src/config.js';
import { ApiKeys } from '../../src/http/api/auth.js';

const script = fileURLToPath(new URL('../../scripts/api-key.ts', import.meta.url));
const run = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args]);

describe('npm run api-key', () => {
  it('prints a new key and the API_KEYS entry that admits exactly it', async () => {
    const { stdout } = await run('tenant-contoso', 'reviewer');
    const key = /^ {2}(dbk_\S+)$/m.exec(stdout)?.[1];
    const entry = /^ {2}(tenant-contoso:reviewer:[0-9a-f]{64})$/m.exec(stdout)?.[1];
    assert.ok(key && entry, stdout);
    assert.equal(entry.split(':')[2], createHash('sha256').update(key).digest('hex'));
    const keys = new ApiKeys(parseConfig({ API_KEYS: entry }).apiKeys);
    const keyId = entry.split(':')[2]!.slice(0, 8);
    assert.deepEqual(keys.authenticate(`Bearer ${key}`), {
      ok: true,
      caller: {
        tenantId: 'tenant-contoso',
        id: `api-key:${keyId}`,
        roles: ['reviewer'],
        role: 'reviewer',
        keyId,
        aliases: [],
        unboundKey: true,
      },
    });
    assert.deepEqual(keys.authenticate(`Bearer ${key}x`), { ok: false, reason: 'invalid' });
    const { stdout: other } = await run('tenant-contoso', 'reviewer');
    assert.notEqual(/^ {2}(dbk_\S+)$/m.exec(other)?.[1], key, 'a new key every time');
  });

  it('binds a key to the person it is for: the key then acts as them', async () => {
    const { stdout } = await run('tenant-contoso', 'reviewer', '5f0c2a8e-1111-4d2b-9a7e-000000000001');
    const key = /^ {2}(dbk_\S+)$/m.exec(stdout)?.[1];
    const entry = /^ {2}(tenant-contoso:reviewer:[0-9a-f]{64}:5f0c2a8e-1111-4d2b-9a7e-000000000001)$/m.exec(stdout)?.[1];
    assert.ok(key && entry, stdout);
    const outcome = new ApiKeys(parseConfig({ API_KEYS: entry }).apiKeys).authenticate(`Bearer ${key}`);
    assert.ok(outcome.ok);
    assert.equal(outcome.caller.id, '5f0c2a8e-1111-4d2b-9a7e-000000000001');
    assert.equal(outcome.caller.unboundKey, undefined);
    await assert.rejects(
      run('tenant-contoso', 'reviewer', 'a', 'b'),
      (e: { code: number; stderr: string }) => e.code === 2 && /one person per key/.test(e.stderr),
    );
  });

  it('without arguments says only how to use it', async () => {
    await assert.rejects(run(), (e: { code: number; stderr: string }) => {
      assert.equal(e.code, 2);
      assert.match(e.stderr, /^usage: npm run api-key -- <tenantId>/);
      assert.doesNotMatch(e.stderr, /expected|Too small/);
      return true;
    });
  });

  it('refuses a role that does not exist', async () => {
    await assert.rejects(
      run('tenant-contoso', 'superuser'),
      (e: { code: number; stderr: string }) => e.code === 2 && /usage/.test(e.stderr),
    );
  });
});

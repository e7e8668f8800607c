import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const page = readFileSync(`${root}docs/ARCHITECTURE.md`, 'utf8');

describe('docs/ARCHITECTURE.md', () => {
  it('names only files that exist', () => {
    const named = [...page.matchAll(/`((?:src|bot|cards|test|appPackage|bench|scripts)\/[\w./-]+\.(?:ts|json))`/g)].map((m) => m[1]!);
    assert.ok(named.length > 40, `expected a map of many files, found ${named.length}`);
    const missing = [...new Set(named)].filter((path) => !existsSync(`${root}${path}`));
    assert.deepEqual(missing, [], 'renamed or removed: update the page');
  });
});

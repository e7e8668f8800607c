import assert from 'node:assert/strict';
import { catalogues } from '../bot/i18n/index.js';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('the English and Swedish catalogues', () => {
  it('have the same keys', () => {
    assert.deepEqual(keys(catalogues.sv).sort(), keys(catalogues.en).sort());
  });
  it('use the same placeholders in each message', () => {
    const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const lookup = (root: unknown, key: string) =>
      key.split('.').reduce((n, k) => (n as Record<string, unknown>)[k], root) as string;
    for (const key of keys(catalogues.en)) {
      assert.deepEqual(placeholders(lookup(catalogues.sv, key)), placeholders(lookup(catalogues.en, key)), key);
    }
  });
});

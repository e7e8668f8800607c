import assert from 'node:assert/strict';
import { catalogues } from '../bot/i18n/index.js';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('the catalogues: English, Swedish, Norwegian, Danish and Finnish', () => {
  const others = Object.entries(catalogues).filter(([language]) => language !== 'en');
  for (const [language, catalogue] of others) {
    it(`${language} has every key English has, and no other`, () => {
      assert.deepEqual(keys(catalogue).sort(), keys(catalogues.en).sort());
    });
    it(`${language} uses the same placeholders in each message`, () => {
      const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}|\$t\((\w+)\)/g)].map((m) => m[1] ?? m[2]).sort();
      const lookup = (root: unknown, key: string) => key.split('.').reduce((n, k) => (n as Record<string, unknown>)[k], root) as string;
      for (const key of keys(catalogues.en)) {
        assert.deepEqual(placeholders(lookup(catalogue, key)), placeholders(lookup(catalogues.en, key)), `${language}: ${key}`);
      }
    });
  }
});

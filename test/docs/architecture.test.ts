import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const page = readFileSync(`${root}docs/ARCHITECTURE.md`, 'utf8');

/** Every source and catalogue file of the project, by path from the root. */
const sources: Map<string, string> = new Map(
  ['src', 'bot', 'scripts', 'test', 'bench', 'appPackage']
    .flatMap((dir) => readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)))
    .filter((file) => /\.(ts|json|mjs)$/.test(file) && !file.startsWith('test/schemas/') && !file.startsWith('test/fixtures/'))
    .map((file) => [file, readFileSync(join(root, file), 'utf8')]),
);

const escaped = (name: string) => name.replace(/\$/g, '\\$');
/** Declared as a function, class, type or binding, or as a property, method or JSON key. */
const declares = (text: string, name: string) =>
  new RegExp(
    `(?:function\\*?|class|interface|type|const|let|enum)\\s+${escaped(name)}\\b|(?:^|[\\s{,;(])(?:readonly\\s+|async\\s+|private\\s+|static\\s+|\\*)*${escaped(name)}\\??\\s*[:(<=]|"${escaped(name)}"\\s*:`,
    'm',
  ).test(text);

describe('docs/ARCHITECTURE.md', () => {
  it('names only files that exist', () => {
    const named = [...page.matchAll(/`((?:src|bot|cards|test|appPackage|bench|scripts)\/[\w./<>-]+\.(?:ts|json))`/g)]
      .map((m) => m[1]!)
      .filter((path) => !path.includes('<'));
    assert.ok(named.length > 40, `expected a map of many files, found ${named.length}`);
    const missing = [...new Set(named)].filter((path) => !existsSync(`${root}${path}`));
    assert.deepEqual(missing, [], 'renamed or removed: update the page');
  });

  it('names only functions, types, constants and members that exist', () => {
    const names = [...new Set([...page.matchAll(/`([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?)(?:\(\))?`/g)].map((m) => m[1]!))];
    assert.ok(names.length > 60, `expected many names, found ${names.length}`);
    const missing = names.filter((name) => {
      const [owner, member] = name.split('.') as [string, string | undefined];
      const texts = [...sources.values()];
      // A refusal's code ("deal.not_found") is a value, written as a string.
      if (texts.some((text) => text.includes(`'${name}'`))) return false;
      if (member === undefined) return !texts.some((text) => declares(text, owner));
      // Owner.member: the member is declared in the file that declares the owner (a class or a JSON section).
      return !texts.some((text) => declares(text, owner) && declares(text, member));
    });
    assert.deepEqual(missing, [], 'renamed or removed: update the page');
  });

  it('lists the files a new language touches, and no more than five', () => {
    const recipe = page.slice(page.indexOf('**A language'), page.indexOf('**A change to a stored'));
    const steps = [...recipe.matchAll(/^\d+\. /gm)];
    assert.ok(steps.length >= 1 && steps.length <= 5, `${steps.length} files`);
  });
});

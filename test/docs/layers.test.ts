import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every TypeScript file under these folders, with the project files it imports (as paths from the root). */
function importsUnder(...dirs: string[]): { file: string; imports: string[] }[] {
  return dirs
    .flatMap((dir) => readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      const imports = [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => normalize(join(dirname(file), m[1]!)).replace(/\.js$/, ''));
      return { file, imports };
    });
}

const offenders = (files: { file: string; imports: string[] }[], forbidden: (path: string) => boolean) =>
  files.filter((f) => f.imports.some(forbidden)).map((f) => f.file);

describe('the layers keep their rules (docs/ARCHITECTURE.md)', () => {
  it('builds store keys only inside src/store', () => {
    assert.deepEqual(
      offenders(importsUnder('src', 'bot'), (path) => path === 'src/store/keys').filter((file) => !file.startsWith('src/store/')),
      [],
    );
  });

  it('keeps the domain free of use cases, the store, Teams and HTTP', () => {
    const outside = (path: string) => /^(src\/(services|store|http)|bot)\//.test(path) || path === 'src/app';
    assert.deepEqual(offenders(importsUnder('src/domain'), outside), []);
  });

  it('keeps the store serving, never calling up into use cases, Teams or HTTP', () => {
    const above = (path: string) => /^(src\/(services|http)|bot)\//.test(path) || path === 'src/app';
    assert.deepEqual(offenders(importsUnder('src/store'), above), []);
  });

  it('reads the time only through the injected clock (src/clock.ts), never the system’s directly', () => {
    const readsTime = /Date\.now\b|new Date\(\)|clock\?\./;
    const files = importsUnder('src', 'bot', 'scripts').filter((f) => f.file !== 'src/clock.ts');
    assert.deepEqual(
      files.filter((f) => readsTime.test(readFileSync(join(root, f.file), 'utf8'))).map((f) => f.file),
      [],
    );
  });

  it('lets handlers and views reach the deals only through use cases', () => {
    assert.deepEqual(
      offenders(importsUnder('bot/handlers', 'bot/views'), (path) => path.startsWith('src/store/deal-repository')),
      [],
    );
  });
});

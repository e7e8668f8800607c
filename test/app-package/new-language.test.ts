import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The recipe in docs/ARCHITECTURE.md ("Add a language") followed in a copy of the code: Icelandic added by
 * touching only the files the recipe names. If a list of languages creeps back into the code, the copy no
 * longer type-checks, or the new language is not spoken, understood or packaged.
 */
const RECIPE_FILES = ['src/domain/deal.ts', 'bot/i18n/is.json', 'appPackage/is.json', 'appPackage/manifest.json'];

const CHECK = `
import { strict as assert } from 'node:assert';
import { localeOf } from './bot/user-of.js';
import { translator } from './bot/i18n/index.js';
import { matchIntent } from './bot/intents.js';
import { dealSearchOf } from './bot/search-words.js';
import { buildAppPackage } from './scripts/app-package.js';
import AdmZip from 'adm-zip';

assert.deepEqual(localeOf({ locale: 'is-IS' } as never), { locale: 'is', formatLocale: 'is-IS' });
assert.deepEqual(localeOf({ locale: 'is' } as never), { locale: 'is', formatLocale: 'is-IS' });
assert.equal(translator('is' as never)('welcome.title'), 'Dealbot: samningaskráning');
assert.deepEqual(matchIntent('skrá samning'), { kind: 'register' });
assert.deepEqual(matchIntent('opna samning D-1A2B3C4D'), { kind: 'open', ref: 'd-1a2b3c4d' });
assert.deepEqual(dealSearchOf('finna Contoso'), { text: 'contoso', statuses: [] });
const zip = new AdmZip(buildAppPackage({ TEAMS_APP_ID: '6f1c2a9e-4b8d-4c3e-9a51-2d7e8f0b1c34', BOT_ID: '0b7e3d52-91a4-4f6c-b8e2-5c9d1a7f3e60', BOT_DOMAIN: 'dealbot.example.com' }));
assert.ok(zip.getEntry('is.json'), 'the package carries the Icelandic localization');
console.log('spoken');
`;

describe('adding a language (the recipe in docs/ARCHITECTURE.md)', () => {
  let copy: string;
  before(() => {
    copy = mkdtempSync(join(tmpdir(), 'dealbot-language-'));
    for (const dir of ['src', 'bot', 'scripts', 'appPackage', 'cards', 'config', 'test/schemas'])
      cpSync(join(root, dir), join(copy, dir), { recursive: true });
    for (const file of ['package.json', 'tsconfig.json']) cpSync(join(root, file), join(copy, file));
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  it(`takes ${RECIPE_FILES.length} files: LOCALES, the bot's catalogue, the manifest's localization and its entry`, async function () {
    this.timeout(180_000);
    const edit = (file: string, change: (text: string) => string) => {
      const path = join(copy, file);
      const before = readFileSync(path, 'utf8');
      const after = change(before);
      assert.notEqual(after, before, `${file} changed`);
      writeFileSync(path, after);
    };
    edit('src/domain/deal.ts', (text) => text.replace("'fi'] as const", "'fi', 'is'] as const"));
    const catalogue = JSON.parse(readFileSync(join(root, 'bot/i18n/en.json'), 'utf8'));
    catalogue.welcome.title = 'Dealbot: samningaskráning';
    catalogue.said = {
      ...catalogue.said,
      region: 'is-IS',
      phrases: { ...catalogue.said.phrases, register: ['skrá samning'] },
      openWords: ['opna'],
      dealWords: ['samning'],
      searchFillerWords: ['finna'],
    };
    writeFileSync(join(copy, 'bot/i18n/is.json'), JSON.stringify(catalogue));
    cpSync(join(root, 'appPackage/sv.json'), join(copy, 'appPackage/is.json'));
    edit('appPackage/manifest.json', (text) => {
      const manifest = JSON.parse(text);
      manifest.localizationInfo.additionalLanguages.push({ languageTag: 'is-is', file: 'is.json' });
      return JSON.stringify(manifest, null, 2);
    });

    const typeCheck = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'], {
      cwd: copy,
    }).catch((error: { stdout: string }) => assert.fail(`the copy with Icelandic does not type-check:\n${error.stdout}`));
    assert.equal(typeCheck.stdout, '');
    writeFileSync(join(copy, 'check.ts'), CHECK);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'check.ts'], { cwd: copy });
    assert.match(stdout, /spoken/);
  });
});

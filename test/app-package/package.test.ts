import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import AdmZip from 'adm-zip';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { SEARCH_COMMAND } from '../../bot/handlers/search-deals.js';
import { matchIntent } from '../../bot/intents.js';
import { dealSearchOf } from '../../bot/search-words.js';
import { filledManifest, PackageError, packageValues, problems } from '../../scripts/app-package.js';
import { BotUnderTest } from '../support/bot-under-test.js';

const run = promisify(execFile);
const ZIP = new URL('../../appPackage/build/dealbot.zip', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('../schemas/teams-manifest-1.29.json', import.meta.url), 'utf8'));
const VALUES = {
  TEAMS_APP_ID: '6f1c2a9e-4b8d-4c3e-9a51-2d7e8f0b1c34',
  BOT_ID: '0b7e3d52-91a4-4f6c-b8e2-5c9d1a7f3e60',
  BOT_DOMAIN: 'dealbot-contoso.azurewebsites.net',
};

describe('the Teams app package', () => {
  let zip: AdmZip;
  before(async () => {
    rmSync(ZIP, { force: true });
    const env = { ...process.env, ...VALUES };
    await run(process.execPath, ['--import', 'tsx', 'scripts/package.ts'], { env });
    zip = new AdmZip(readFileSync(ZIP));
  });

  it('npm run package writes a zip with the manifest, both icons and the Swedish strings at its root', () => {
    assert.deepEqual(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
      ['color.png', 'da.json', 'fi.json', 'manifest.json', 'nb.json', 'outline.png', 'sv.json'],
    );
  });

  it('holds a manifest valid against the Teams manifest schema 1.29, with the ids filled in', () => {
    const manifest: any = JSON.parse(zip.readAsText('manifest.json'));
    const ajv = addFormats.default(new AjvDraft04.default({ allErrors: true, strict: false }));
    const valid = ajv.validate(schema, structuredClone(manifest));
    assert.ok(valid, JSON.stringify(ajv.errors, null, 1));
    assert.equal(manifest.id, VALUES.TEAMS_APP_ID);
    assert.equal(manifest.bots[0].botId, VALUES.BOT_ID);
    assert.deepEqual(manifest.validDomains, [VALUES.BOT_DOMAIN]);
    assert.doesNotMatch(zip.readAsText('manifest.json'), /\$\{\{/, 'no placeholder left');
    assert.deepEqual(manifest.bots[0].scopes, ['personal', 'team', 'groupChat']);
  });

  it('has the icons Teams asks for: 192×192 in colour, 32×32 white on transparent', () => {
    const color = PNG.sync.read(zip.readFile('color.png')!);
    const outline = PNG.sync.read(zip.readFile('outline.png')!);
    assert.deepEqual([color.width, color.height, outline.width, outline.height], [192, 192, 32, 32]);
    const alphas = new Set<number>();
    for (let i = 0; i < outline.data.length; i += 4) {
      alphas.add(outline.data[i + 3]!);
      if (outline.data[i + 3]! > 0) assert.deepEqual([...outline.data.subarray(i, i + 3)], [255, 255, 255]);
    }
    assert.ok(alphas.has(0) && alphas.has(255), 'transparent around a white mark');
  });

  it('offers commands the bot understands, in English, Swedish, Norwegian, Danish and Finnish', () => {
    const manifest = JSON.parse(zip.readAsText('manifest.json'));
    const titles = manifest.bots[0].commandLists.flatMap((list: { commands: { title: string }[] }) => list.commands.map((c) => c.title));
    assert.deepEqual(titles.slice(0, 4), ['register a deal', 'show my in-progress deals', 'action required', 'help']);
    for (const file of ['sv.json', 'nb.json', 'da.json', 'fi.json']) {
      const localized = JSON.parse(zip.readAsText(file)) as Record<string, string>;
      assert.deepEqual(
        Object.keys(localized).sort(),
        Object.keys(JSON.parse(zip.readAsText('sv.json'))).sort(),
        `${file} localizes what sv.json does`,
      );
      const commands = Object.entries(localized)
        .filter(([k]) => k.startsWith('bots[0].') && k.endsWith('.title'))
        .map(([, v]) => v);
      for (const text of [...titles, ...commands]) assert.ok(matchIntent(text), `${file}: "${text}" is understood`);
    }
    assert.deepEqual(
      manifest.localizationInfo.additionalLanguages.map((l: { languageTag: string }) => l.languageTag),
      ['sv-se', 'nb-no', 'da-dk', 'fi-fi'],
    );
  });

  it('searches deals from the compose box and unfurls deal links on the bot’s domain, described for Copilot', () => {
    const manifest = JSON.parse(zip.readAsText('manifest.json'));
    const [extension] = manifest.composeExtensions;
    assert.equal(extension.botId, VALUES.BOT_ID);
    assert.deepEqual(extension.messageHandlers, [{ type: 'link', value: { domains: [VALUES.BOT_DOMAIN] } }]);
    const [search] = extension.commands;
    assert.equal(search.id, SEARCH_COMMAND, 'the command the bot answers');
    assert.equal(search.type, 'query');
    assert.equal(search.initialRun, true, 'opening it lists the newest deals');
    assert.ok(search.description && search.semanticDescription, 'what Copilot reads to choose it');
    assert.deepEqual(
      search.parameters.map((p: { name: string }) => p.name),
      ['query', 'status'],
    );
    for (const parameter of search.parameters) assert.ok(parameter.description && parameter.semanticDescription, parameter.name);
    assert.ok(search.samplePrompts.some((p: { text: string }) => /in-progress deals with Contoso/.test(p.text)));
    // Every status choice is one the search understands.
    for (const choice of search.parameters[1].choices) assert.ok(dealSearchOf('', choice.value).statuses.length > 0, choice.value);
    const swedish = JSON.parse(zip.readAsText('sv.json'));
    assert.equal(swedish['composeExtensions[0].commands[0].title'], 'Avtal');
    assert.match(swedish['composeExtensions[0].commands[0].parameters[0].description'], /granskas/);
    // The Swedish status choices read as the statuses they stand for.
    assert.deepEqual(dealSearchOf(swedish['composeExtensions[0].commands[0].parameters[1].choices[4].title']).statuses, ['in_review']);
  });

  it('links a privacy statement and terms of use that the bot serves on its own domain', async () => {
    const manifest = JSON.parse(zip.readAsText('manifest.json'));
    const bot = await new BotUnderTest().start();
    try {
      for (const url of [manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl]) {
        const { hostname, pathname } = new URL(url);
        assert.equal(hostname, VALUES.BOT_DOMAIN);
        const res = await fetch(`${bot.url}${pathname}`);
        assert.equal(res.status, 200, pathname);
        assert.match(res.headers.get('content-type') ?? '', /text\/html/);
        assert.match(await res.text(), /<h1>Dealbot: (privacy|terms of use)<\/h1>/);
      }
    } finally {
      await bot.stop();
    }
  });

  it('refuses to package without real ids, naming each variable', () => {
    assert.throws(
      () => packageValues({ TEAMS_APP_ID: 'my-app', BOT_DOMAIN: 'https://x.example/api' }),
      (e: Error) =>
        e instanceof PackageError &&
        /TEAMS_APP_ID: must be a GUID/.test(e.message) &&
        /BOT_ID: must be a GUID/.test(e.message) &&
        /BOT_DOMAIN: must be a host name/.test(e.message),
    );
    assert.equal(packageValues({ ...VALUES, BOT_ID: '', MicrosoftAppId: VALUES.BOT_ID }).BOT_ID, VALUES.BOT_ID, "the bot's app id will do");
  });

  it('finds what Teams would refuse: a wrong icon size, a coloured outline, a localization key naming nothing, a language left out', () => {
    const manifest = filledManifest(VALUES);
    const real = (name: string) => readFileSync(new URL(`../../appPackage/${name}`, import.meta.url));
    assert.deepEqual(problems(manifest, real), []);
    const swapped = (name: string) => real(name === 'color.png' ? 'outline.png' : name === 'outline.png' ? 'color.png' : name);
    const found = problems(manifest, swapped);
    assert.ok(
      found.some((p) => /color.png: 32×32, Teams needs 192×192/.test(p)),
      found.join('\n'),
    );
    assert.ok(
      found.some((p) => /outline.png: must be white on a transparent background/.test(p)),
      found.join('\n'),
    );
    const tooLong = (name: string) =>
      name === 'sv.json'
        ? Buffer.from('{"composeExtensions[0].commands[0].title":"en titel som är alldeles för lång för Teams"}')
        : real(name);
    assert.ok(
      problems(manifest, tooLong).some((p) =>
        /sv.json: "composeExtensions\[0\]\.commands\[0\]\.title" is 43 characters, Teams takes 32/.test(p),
      ),
    );
    const extraKey = (name: string) => (name === 'sv.json' ? Buffer.from('{"bots[0].commandLists[0].commands[9].title":"x"}') : real(name));
    assert.ok(problems(manifest, extraKey).some((p) => /names no text in the manifest/.test(p)));
    const { name: _name, ...nameless } = manifest;
    assert.ok(
      problems(nameless, real).some((p) => /name/.test(p)),
      'schema violations are reported',
    );
    const info = manifest.localizationInfo as { additionalLanguages: { languageTag: string }[] };
    const withoutDanish = {
      ...manifest,
      localizationInfo: { ...info, additionalLanguages: info.additionalLanguages.filter((l) => l.languageTag !== 'da-dk') },
    };
    assert.ok(
      problems(withoutDanish, real).some((p) => /the bot speaks "da" but localizationInfo names no da-… language/.test(p)),
      'a language the bot speaks and the manifest does not',
    );
  });

  it('npm run package without ids exits non-zero with the reason, and writes nothing', async () => {
    rmSync(ZIP, { force: true });
    const env = { ...process.env, TEAMS_APP_ID: '', BOT_ID: '', MicrosoftAppId: '', BOT_DOMAIN: '' };
    const failed = await run(process.execPath, ['--import', 'tsx', 'scripts/package.ts'], { env }).catch((e) => e);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /Cannot build the app package:\n {2}TEAMS_APP_ID: must be a GUID/);
    assert.equal(existsSync(ZIP), false);
  });
});

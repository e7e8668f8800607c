// The Teams app package: manifest.json with its placeholders filled, the two icons, the localizations
// the manifest names. Checked before it is written, so a zip that Teams would refuse is never produced.
import { readFileSync } from 'node:fs';
import AdmZip from 'adm-zip';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { LOCALES, type Locale } from '../src/domain/deal.js';

const dir = new URL('../appPackage/', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('../test/schemas/teams-manifest-1.29.json', import.meta.url), 'utf8'));

const guid = z.uuid({ error: 'must be a GUID, such as 00000000-0000-0000-0000-000000000000' });
/** What the manifest's ${{…}} placeholders are filled with, from the environment. */
export const PackageValues = z.object({
  TEAMS_APP_ID: guid,
  BOT_ID: guid,
  BOT_DOMAIN: z
    .string({ error: 'is required: the host name of the messaging endpoint, such as dealbot.azurewebsites.net' })
    .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'must be a host name without https:// or a path, such as dealbot.azurewebsites.net'),
});
export type PackageValues = z.infer<typeof PackageValues>;

/** The icons Teams requires, by file name: size, and for the outline white on transparent. */
export const ICONS = { 'color.png': 192, 'outline.png': 32 } as const;

/** The localization files the manifest names in localizationInfo, each beside it in appPackage/. */
export function localizationFiles(manifest: Record<string, unknown>): string[] {
  const info = manifest.localizationInfo as { additionalLanguages?: { file: string }[] } | undefined;
  return (info?.additionalLanguages ?? []).map((language) => language.file);
}

/** A language the bot speaks (LOCALES) that the manifest does not: Teams would show its names in English. */
function unlocalized(manifest: Record<string, unknown>): Locale[] {
  const info = manifest.localizationInfo as { defaultLanguageTag?: string; additionalLanguages?: { languageTag: string }[] } | undefined;
  const tags = [info?.defaultLanguageTag ?? '', ...(info?.additionalLanguages ?? []).map((l) => l.languageTag)];
  return LOCALES.filter((locale) => !tags.some((tag) => tag.toLowerCase().split('-')[0] === locale));
}

export class PackageError extends Error {}

/** Reads the values from an environment, one message per missing or wrong variable. */
export function packageValues(env: NodeJS.ProcessEnv): PackageValues {
  const result = PackageValues.safeParse({ ...env, BOT_ID: env.BOT_ID || env.MicrosoftAppId || undefined });
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
  throw new PackageError(`Cannot build the app package:\n  ${lines.join('\n  ')}`);
}

/** The manifest as Teams will read it. */
export function filledManifest(values: PackageValues): Record<string, unknown> {
  const text = readFileSync(new URL('manifest.json', dir), 'utf8').replace(/\$\{\{(\w+)\}\}/g, (_whole, name: string) => {
    const value = (values as Record<string, string>)[name];
    if (value === undefined) throw new PackageError(`manifest.json uses \${{${name}}}, which the package script does not fill`);
    return value;
  });
  return JSON.parse(text);
}

/** Everything wrong with the package's parts, as readable lines (empty when it is fine). */
export function problems(manifest: Record<string, unknown>, files: (name: string) => Buffer): string[] {
  const found: string[] = [];
  const ajv = addFormats.default(new AjvDraft04.default({ allErrors: true, strict: false }));
  if (!ajv.validate(schema, manifest)) {
    for (const e of ajv.errors ?? []) found.push(`manifest${e.instancePath}: ${e.message}`);
  }
  for (const [name, size] of Object.entries(ICONS)) {
    const png = PNG.sync.read(files(name));
    if (png.width !== size || png.height !== size) found.push(`${name}: ${png.width}×${png.height}, Teams needs ${size}×${size}`);
    if (name === 'outline.png' && !whiteOnTransparent(png)) found.push(`${name}: must be white on a transparent background`);
  }
  for (const locale of unlocalized(manifest))
    found.push(`manifest: the bot speaks "${locale}" but localizationInfo names no ${locale}-… language`);
  for (const name of localizationFiles(manifest)) {
    const strings = JSON.parse(files(name).toString('utf8')) as Record<string, string>;
    for (const key of Object.keys(strings).filter((k) => k !== '$schema')) {
      if (typeof lookup(manifest, key) !== 'string') found.push(`${name}: "${key}" names no text in the manifest`);
      const max = localizedMaxLength(key);
      if (max !== undefined && strings[key]!.length > max)
        found.push(`${name}: "${key}" is ${strings[key]!.length} characters, Teams takes ${max}`);
    }
  }
  return found;
}

/** The localization schema's length limits, by the kind of text a key names (the manifest schema's own). */
const LOCALIZED_LIMITS: [RegExp, number][] = [
  [/^name\.short$/, 30],
  [/^name\.full$/, 100],
  [/^description\.short$/, 80],
  [/^description\.full$/, 4000],
  [/\.choices\[\d+\]\.title$/, 128],
  [/\.samplePrompts\[\d+\]\.text$/, 128],
  [/\.title$/, 32],
  [/\.description$/, 128],
  [/\.value$/, 512],
];

function localizedMaxLength(key: string): number | undefined {
  return LOCALIZED_LIMITS.find(([pattern]) => pattern.test(key))?.[1];
}

function whiteOnTransparent(png: PNG): boolean {
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
    if (a > 0 && (r < 250 || g < 250 || b < 250)) return false;
  }
  return true;
}

/** Follows a localization key such as "bots[0].commandLists[1].commands[0].title" into the manifest. */
function lookup(manifest: unknown, key: string): unknown {
  return key.split(/\.|(?=\[)/).reduce<unknown>((node, part) => {
    if (node === undefined || node === null) return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    return index ? (node as unknown[])[Number(index[1])] : (node as Record<string, unknown>)[part];
  }, manifest);
}

/** Builds the zip in memory; throws with every problem found. */
export function buildAppPackage(values: PackageValues): Buffer {
  const manifest = filledManifest(values);
  const read = (name: string) => readFileSync(new URL(name, dir));
  const found = problems(manifest, read);
  if (found.length > 0) throw new PackageError(`The app package would not install:\n  ${found.join('\n  ')}`);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  for (const name of [...Object.keys(ICONS), ...localizationFiles(manifest)]) zip.addFile(name, read(name));
  return zip.toBuffer();
}

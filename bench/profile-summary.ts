// Reads a V8 .cpuprofile (node --cpu-prof) and prints where the time went: self time by package (or by
// file of this project) and the busiest functions. `npx tsx bench/profile-summary.ts FILE [TOP]`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Node flags for a bot process to write its CPU profile under DIR/NAME (one file per thread). */
export function cpuProfile(dir: string, name: string): string[] {
  return ['--cpu-prof', `--cpu-prof-dir=${join(dir, name)}`];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** "botbuilder-core", "node:internal", "src/store/sqlite.ts", "(garbage collector)"... */
export function placeOf(url: string, functionName: string): string {
  if (url === '') return `(${functionName.replace(/[()]/g, '') || 'native'})`;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const packagePath = url.split('node_modules/').at(-1)!;
  if (packagePath !== url) {
    const parts = packagePath.split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const project = url.match(/\/(src|bot|bench|test)\/.*$/);
  return project ? project[0].slice(1) : url;
}

/** The layer a place belongs to, to say what share of a turn is the product and what the framework. */
export function layerOf(place: string): string {
  if (
    /^(restify|botbuilder|botframework-|@azure\/|@typespec\/|jsonwebtoken|node:_http|node:net|node:internal\/streams|\(writev|\(writeUtf8|\(writeLatin1)/.test(
      place,
    )
  ) {
    return 'HTTP and Bot Framework (the echo bot has these too)';
  }
  if (/^(sqlite3|keyv|@keyv\/|redis|@redis\/|pg|pg-|src\/store\/)/.test(place)) return 'store (drivers, keyv, src/store)';
  if (/^(adaptivecards-templating|adaptive-expressions|antlr4ts|bot\/views|bot\/render)/.test(place)) return 'cards (templating, views)';
  if (/^(zod|src\/domain)/.test(place)) return 'validation and domain (zod, src/domain)';
  if (/^(i18next|bot\/format|bot\/i18n)/.test(place)) return 'text (i18next, Intl)';
  if (
    /^(node:internal\/modules|node:internal\/deps|node:internal\/source_map|tsx|\(readFileUtf8|\(internalModuleStat|\(compile)/.test(place)
  )
    return 'start-up (loading modules)';
  if (/^(pino|prom-client|src\/metrics|src\/log)/.test(place)) return 'logs and metrics';
  if (place === '(garbage collector)') return 'garbage collection';
  if (place === '(idle)') return 'idle';
  if (place === '(program)') return 'native, unattributed (program)';
  return 'other';
}

export function summarize(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
  const byPlace = new Map<string, number>();
  const byLayer = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const { callFrame } = byId.get(id)!;
    const place = placeOf(callFrame.url, callFrame.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
    byLayer.set(layerOf(place), (byLayer.get(layerOf(place)) ?? 0) + micros);
    const name = `${callFrame.functionName || '(anonymous)'} ${place}:${callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  }
  // Inclusive time of this project's own functions: which of our calls the library time is spent under.
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const byOwnFunction = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const { callFrame } = byId.get(at)!;
      const place = placeOf(callFrame.url, callFrame.functionName);
      if (!/^(src|bot)\//.test(place)) continue;
      const name = `${callFrame.functionName || '(anonymous)'} ${place}:${callFrame.lineNumber + 1}`;
      if (seen.has(name)) continue; // recursion counts once
      seen.add(name);
      byOwnFunction.set(name, (byOwnFunction.get(name) ?? 0) + micros);
    }
  }
  const lines = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  return [
    `${(total / 1e6).toFixed(1)} s sampled`,
    'self time by layer:',
    ...lines(byLayer),
    'self time by place:',
    ...lines(byPlace),
    'busiest functions:',
    ...lines(byFunction),
    "this project's functions, inclusive:",
    ...lines(byOwnFunction),
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').at(-1)!)) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: tsx bench/profile-summary.ts FILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  console.log(summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top ?? 25)));
}

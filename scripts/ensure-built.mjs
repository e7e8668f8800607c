// Runs before `npm start`. In a source checkout it builds dist/ when dist/ is missing or older than the
// sources, so a fresh clone's `npm install && npm start` works. A production tree (dist/ and the package
// files only, as a deploy ships it) starts from the dist/ it was given.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = 'dist/.built';
const SOURCES = ['src', 'bot', 'cards', 'config', 'scripts/api-key.ts', 'scripts/store.ts', 'tsconfig.json', 'tsconfig.build.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const sourceCheckout = existsSync('tsconfig.build.json') && existsSync('src');
if (!sourceCheckout) {
  if (built > 0) process.exit(0);
  process.stderr.write('dist/ is missing: build it where the sources are (`npm run build`) and ship it with the package files.\n');
  process.exit(1);
}
if (built > 0 && built >= Math.max(...SOURCES.map(newest))) process.exit(0);
if (!existsSync('node_modules/typescript')) {
  process.stderr.write('dist/ needs building and TypeScript is not installed: run `npm install` first.\n');
  process.exit(1);
}
process.stdout.write('Building dist/ (npm run build)…\n');
execSync('npm run build', { stdio: 'inherit' });

// npm test: the type check, the linter, the unit tests, then the suites that talk to the bot over HTTP,
// each timed; it stops at the first that fails. With arguments it runs just those test files (or folders,
// or globs) and mocha options: `npm test -- test/domain/money.test.ts`, `npm test -- test/teams -g wizard`.
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` };

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const args = process.argv.slice(2);
if (args.length > 0) process.exit(run('mocha', ['--recursive', ...args]));

const PHASES = [
  ['type check', 'tsc', ['--noEmit']],
  ['lint', 'biome', ['check', '.']],
  ['unit tests (npm run test:unit)', 'mocha', ['--config', '.mocharc.unit.json']],
  ['HTTP suites (npm run test:http)', 'mocha', ['--config', '.mocharc.http.json']],
];
const took = [];
for (const [name, command, commandArgs] of PHASES) {
  const started = Date.now();
  const status = run(command, commandArgs);
  took.push(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (status !== 0) {
    process.stderr.write(`\n${name} failed (exit ${status}).\n`);
    process.exit(status);
  }
}
process.stdout.write(`\n== npm test passed: ${took.join(', ')}\n`);

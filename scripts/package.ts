// npm run package [-- --env dev]: writes appPackage/build/dealbot.zip for uploading to Teams. The ids come
// from the environment (or .env), or with --env NAME from env/.env.NAME as the Agents Toolkit writes it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadDotEnv } from '../src/config.js';
import { buildAppPackage, PackageError, packageValues } from './app-package.js';

const { values: args } = parseArgs({ options: { env: { type: 'string' } } });
loadDotEnv(args.env ? `env/.env.${args.env}` : '.env');
try {
  const zip = buildAppPackage(packageValues(process.env));
  const out = new URL('../appPackage/build/', import.meta.url);
  mkdirSync(out, { recursive: true });
  writeFileSync(new URL('dealbot.zip', out), zip);
  console.log('wrote appPackage/build/dealbot.zip: upload it in Teams (Apps > Manage your apps > Upload an app)');
} catch (error) {
  if (!(error instanceof PackageError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}

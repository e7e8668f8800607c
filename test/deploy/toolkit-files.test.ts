import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import ignore from 'ignore';
import { parse as parseYaml } from 'yaml';
import { parseConfig } from '../../src/config.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string } };

/** `npm start`'s command: what App Service, the container and CI all run. */
const START = pkg.scripts.start!;

/**
 * The Agents Toolkit's project files, checked offline: the yml files against the toolkit's published
 * schema (test/schemas/, from the @microsoft/m365agentstoolkit-cli package), the Bicep, the Dockerfile and
 * what a deploy ships, against what Azure and Teams accept today.
 */
describe('Microsoft 365 Agents Toolkit files', () => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(JSON.parse(read('test/schemas/m365agents-yaml-v1.13.schema.json')));

  for (const file of ['m365agents.yml', 'm365agents.local.yml', 'm365agents.playground.yml']) {
    it(`${file} validates against the toolkit's v1.13 yaml schema`, () => {
      const text = read(file);
      assert.match(text, /^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.13\/yaml\.schema\.json/);
      const ok = validate(parseYaml(text));
      assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 3)));
    });
  }

  it('provisions a bot Azure still creates: a user-assigned managed identity, never multi-tenant', () => {
    const bicep = read('infra/azure.bicep');
    assert.match(bicep, /msaAppType: 'UserAssignedMSI'/);
    assert.match(bicep, /msaAppMSIResourceId: identity\.id/);
    assert.match(bicep, /{ name: 'MicrosoftAppType', value: 'UserAssignedMSI' }/);
    assert.doesNotMatch(bicep, /MultiTenant/);
    assert.doesNotMatch(read('m365agents.yml'), /botAadApp\/create/, 'no app registration with a secret to rotate');
    assert.match(read('m365agents.local.yml'), /signInAudience: AzureADMyOrg/, 'local debugging as single tenant too');
  });

  it('runs the built bot on a supported Node LTS, started exactly as npm start starts it', () => {
    const bicep = read('infra/azure.bicep');
    assert.match(bicep, /linuxFxVersion: 'NODE\|(22|24)-lts'/);
    assert.match(bicep, new RegExp(`appCommandLine: '${START.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`));
    assert.match(bicep, /CUSTOM_BUILD_COMMAND', value: 'npm ci --omit=dev/);
  });

  it('keeps its store in PostgreSQL with TLS required, the connection string a Key Vault secret', () => {
    const bicep = read('infra/azure.bicep');
    assert.match(bicep, /Microsoft\.DBforPostgreSQL\/flexibleServers@/);
    assert.match(bicep, /name: 'require_secure_transport'\s+properties: { value: 'ON'/);
    assert.match(bicep, /sslmode=verify-full/);
    assert.match(bicep, /{ name: 'STORE_URL', value: '@Microsoft\.KeyVault\(SecretUri=/);
    assert.match(bicep, /@secure\(\)\s+@minLength\(16\)\s+param postgresAdminPassword/);
    assert.doesNotMatch(bicep, /sqlite:/, 'no SQLite file on App Service’s network share');
    assert.match(read('infra/azure.parameters.json'), /"\$\{\{SECRET_POSTGRES_ADMIN_PASSWORD\}\}"/);
  });

  it('gives F5 in Teams its settings under the names the bot reads', () => {
    const local = parseYaml(read('m365agents.local.yml')) as {
      deploy: { uses: string; with: { target?: string; envs?: Record<string, string> } }[];
    };
    const step = local.deploy.find((s) => s.uses === 'file/createOrUpdateEnvironmentFile')!;
    assert.equal(step.with.target, './.localConfigs');
    const config = parseConfig(
      Object.fromEntries(Object.entries(step.with.envs!).map(([k, v]) => [k, String(v).replace(/\$\{\{\w+\}\}/, 'x')])),
    );
    assert.equal(config.botFramework.MicrosoftAppType, 'SingleTenant');
    assert.equal(config.port, 3978);
    assert.match(pkg.scripts['dev:teams']!, /--env-file=\.localConfigs /);
    assert.match(pkg.scripts['dev:playground']!, /--env-file=\.localConfigs\.playground /);
  });

  it('has VS Code launch configurations and tasks whose npm scripts exist', () => {
    const strip = (text: string) => text.replace(/^\s*\/\/.*$/gm, '');
    const launch = JSON.parse(strip(read('.vscode/launch.json'))) as { compounds: { name: string; preLaunchTask: string }[] };
    const tasks = JSON.parse(strip(read('.vscode/tasks.json'))) as { tasks: { label: string; command?: string; dependsOn?: string[] }[] };
    const labels = new Set(tasks.tasks.map((t) => t.label));
    assert.deepEqual(
      launch.compounds.map((c) => c.name),
      ['Debug in Teams (Edge)', 'Debug in Teams (Chrome)', 'Debug in the Agents Playground'],
    );
    for (const compound of launch.compounds) assert.ok(labels.has(compound.preLaunchTask), compound.preLaunchTask);
    for (const task of tasks.tasks) {
      for (const dependency of task.dependsOn ?? []) assert.ok(labels.has(dependency), `${task.label} needs ${dependency}`);
      const script = /^npm run ([\w:-]+)$/.exec(task.command ?? '')?.[1];
      if (script) assert.ok(pkg.scripts[script], `npm run ${script}`);
    }
  });
});

describe('what ships', () => {
  it('a deploy zip holds dist/ and the package files only: no .env, sources, tests or node_modules', () => {
    const rules = ignore().add(read('.webappignore'));
    const candidates = [
      ...readdirSync(root).filter((name) => name !== 'dist'), // built or not, its files are listed below
      '.env',
      'dist/src/main.js',
      'dist/cards/welcome.json',
      'node_modules/tsx/package.json',
      'src/main.ts',
      'test/config.test.ts',
      'env/.env.dev.user',
      '.localConfigs',
      'scripts/ensure-built.mjs',
      'scripts/with-stores.sh',
    ];
    const shipped = candidates.filter((path) => !rules.ignores(path)).sort();
    assert.deepEqual(shipped, [
      '.npmrc',
      'dist/cards/welcome.json',
      'dist/src/main.js',
      'package-lock.json',
      'package.json',
      'scripts/ensure-built.mjs',
    ]);
  });

  it('the container: two stages, production dependencies, not root, a health check, npm start’s command', () => {
    const docker = read('Dockerfile');
    assert.equal(docker.match(/^FROM /gm)?.length, 2);
    assert.match(docker, /^FROM node:(22|24)-/m);
    assert.match(docker, /npm prune --omit=dev/);
    assert.match(docker, /^USER node$/m);
    assert.match(docker, /^HEALTHCHECK .*\n?.*\/healthz/m);
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(docker)![1]!) as string[];
    assert.equal(cmd.join(' '), START, 'the image starts as npm start does');
    const dockerignore = ignore().add(read('.dockerignore'));
    for (const secret of ['.env', 'data/dealbot.sqlite', 'node_modules/x', 'env/.env.dev.user', 'test/x.ts']) {
      assert.ok(dockerignore.ignores(secret), `${secret} stays out of the build context`);
    }
  });
});

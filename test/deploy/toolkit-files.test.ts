import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

  it('runs the built bot on Node 24 LTS, started exactly as npm start starts it', () => {
    const bicep = read('infra/azure.bicep');
    assert.match(bicep, /linuxFxVersion: 'NODE\|24-lts'/);
    assert.match(bicep, new RegExp(`appCommandLine: '${START.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`));
    assert.match(bicep, /CUSTOM_BUILD_COMMAND', value: 'npm ci --omit=dev --omit=optional/);
    assert.equal(pkg.engines.node, '>=22');
    assert.doesNotMatch(JSON.stringify(pkg.scripts), /disable-warning/, 'no warning is hidden');
  });

  it('keeps its store in a private PostgreSQL that only Microsoft Entra logins reach, on a current API', () => {
    const bicep = read('infra/azure.bicep');
    const apis = [...bicep.matchAll(/'Microsoft\.DBforPostgreSQL\/[\w/]+@([\d-]+)'/g)].map((m) => m[1]!);
    assert.ok(apis.length >= 4 && apis.every((api) => api >= '2024-08-01'), apis.join(', '));
    assert.match(bicep, /authConfig: \{ activeDirectoryAuth: 'Enabled', passwordAuth: 'Disabled'/);
    assert.match(bicep, /flexibleServers\/administrators@[\d-]+' = \{\s+parent: postgres\s+name: identity\.properties\.principalId/);
    assert.match(bicep, /principalType: 'ServicePrincipal'/);
    assert.doesNotMatch(bicep, /administratorLoginPassword|firewallRules|0\.0\.0\.0|@secure\(\)\s+param postgres/i);
    assert.match(bicep, /delegatedSubnetResourceId: .+'postgres'\)/);
    assert.match(bicep, /privateDnsZoneArmResourceId: postgresDns\.id/);
    assert.match(bicep, /publicNetworkAccess: 'Disabled'/);
    assert.match(bicep, /serviceName: 'Microsoft\.DBforPostgreSQL\/flexibleServers'/);
    assert.match(bicep, /serviceName: 'Microsoft\.Web\/serverFarms'/);
    assert.match(bicep, /virtualNetworkSubnetId: /);
    // One change at a time on the server: the sub-resources are chained.
    assert.match(bicep, /name: 'require_secure_transport'\s+dependsOn: \[postgresAdmin\]\s+properties: \{ value: 'ON'/);
    assert.match(bicep, /name: 'dealbot'\s+dependsOn: \[requireTls\]/);
    assert.match(bicep, /backupRetentionDays: postgresBackupRetentionDays, geoRedundantBackup: postgresGeoRedundantBackup/);
    assert.match(bicep, /param postgresBackupRetentionDays int = 35/);
    // The bot logs in as its identity: the URL names the identity and no password.
    assert.match(
      bicep,
      /value: 'postgres:\/\/\$\{identity\.name\}@\$\{postgres\.properties\.fullyQualifiedDomainName\}:5432\/\$\{database\.name\}\?sslmode=verify-full'/,
    );
    assert.match(bicep, /\{ name: 'AZURE_CLIENT_ID', value: identity\.properties\.clientId \}/);
    assert.doesNotMatch(bicep, /sqlite:/, 'no SQLite file on App Service’s network share');
  });

  it("keeps deals' files in a private blob container the bot's identity alone reaches, with soft delete and versions", () => {
    const bicep = read('infra/azure.bicep');
    assert.match(bicep, /allowBlobPublicAccess: false/);
    assert.match(bicep, /allowSharedKeyAccess: false/);
    assert.match(bicep, /deleteRetentionPolicy: \{ enabled: true, days: filesSoftDeleteDays \}/);
    assert.match(bicep, /isVersioningEnabled: true/);
    assert.match(bicep, /name: 'deal-files'\s+properties: \{ publicAccess: 'None' \}/);
    // Storage Blob Data Contributor, on the container, for the bot's identity.
    assert.match(bicep, /scope: filesContainer\s+name: guid\(filesContainer\.id, identity\.id, blobDataContributor\)/);
    assert.match(bicep, /var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'/);
    assert.match(
      bicep,
      /\{ name: 'FILES_URL', value: '\$\{filesAccount\.properties\.primaryEndpoints\.blob\}\$\{filesContainer\.name\}' \}/,
    );
  });

  it('sends telemetry to Application Insights and alerts on what operators watch', () => {
    const bicep = read('infra/azure.bicep');
    const metrics = read('src/metrics.ts');
    assert.match(bicep, /'Microsoft\.OperationalInsights\/workspaces@/);
    assert.match(bicep, /'Microsoft\.Insights\/components@[\d-]+' = \{[\s\S]*?WorkspaceResourceId: workspace\.id/);
    assert.match(bicep, /\{ name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights\.properties\.ConnectionString \}/);
    assert.match(bicep, /'Microsoft\.Insights\/diagnosticSettings@[\w-]+' = \{\s+scope: webApp/);
    assert.match(bicep, /category: 'AppServiceConsoleLogs'/);
    assert.match(bicep, /emailReceivers: .*emailAddress: alertEmail/);
    assert.match(bicep, /metricName: 'HealthCheckStatus'/, '/readyz failing');
    assert.match(bicep, /AppRequests \|.*ResultCode\) >= 500/, '5xx rate');
    // The log alerts name metrics the bot exports.
    for (const metric of ['dealbot_outbox_oldest_pending_seconds', 'dealbot_teams_429_total']) {
      assert.match(bicep, new RegExp(`Name == "${metric}"`));
      assert.match(metrics, new RegExp(`'${metric}'`));
    }
    assert.equal((bicep.match(/actionGroupId: operators\.id|actionGroups: \[operators\.id\]/g) ?? []).length, 2);
  });

  it('writes every setting from the toolkit’s env files, so provisioning again keeps them', () => {
    const bicep = read('infra/azure.bicep');
    const envFile = Object.fromEntries(
      read('env/.env.dev')
        .split('\n')
        .filter((line) => /^\w+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const parametersText = read('infra/azure.parameters.json');
    const placeholders = [...parametersText.matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]!);
    for (const name of placeholders) {
      if (name.startsWith('SECRET_')) assert.match(read('README.md'), new RegExp(`${name}=`), `README says how to set ${name}`);
      else assert.ok(name in envFile, `env/.env.dev lists ${name}`);
    }
    const expanded = parametersText.replace(/\$\{\{(\w+)\}\}/g, (_, name: string) => envFile[name] || '-');
    const parameters = Object.keys((JSON.parse(expanded) as { parameters: Record<string, unknown> }).parameters);
    const settings = [...bicep.matchAll(/\{ name: '(\w+)', value: setting\((\w+)\) \}/g)].map((m) => ({ name: m[1]!, param: m[2]! }));
    assert.ok(settings.length >= 14, `${settings.length} settings`);
    for (const { name, param } of settings) {
      assert.ok(parameters.includes(param), `${param} (${name}) is in infra/azure.parameters.json`);
      assert.ok(envFile[name], `env/.env.dev gives ${name} a value (the toolkit refuses an empty one)`);
      assert.match(read('docs/operations.md'), new RegExp(`\\| \`${name}\` \\|`), `docs/operations.md explains ${name}`);
    }
    // The env file's values are settings the bot accepts ("-" leaves one unset).
    const appSettings = Object.fromEntries(settings.map(({ name }) => [name, envFile[name] === '-' ? '' : (envFile[name] ?? '')]));
    assert.doesNotThrow(() =>
      parseConfig({
        ...appSettings,
        NODE_ENV: 'production',
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppId: 'x',
        MicrosoftAppTenantId: 't',
      }),
    );
    assert.match(bicep, /name: 'API_KEYS'\s+value: [^\n]*@Microsoft\.KeyVault\(SecretUri=\$\{apiKeysSecret/);
    assert.match(bicep, /@secure\(\)\s+@description\('API_KEYS[^']*'\)\s+param apiKeys string/);
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

// What a deploy ships is proved with the toolkit's own packaging: test/production/toolkit-deploy.test.ts.
describe('the container', () => {
  it('the container: two stages, production dependencies, not root, a health check, npm start’s command', () => {
    const docker = read('Dockerfile');
    assert.equal(docker.match(/^FROM /gm)?.length, 2);
    assert.equal(docker.match(/^FROM node:24-bookworm-slim/gm)?.length, 2, 'Node 24 LTS in both stages');
    assert.match(docker, /npm prune --omit=dev --omit=optional/);
    // npm run store works in the image: its compiled entry and its pre-step are there.
    assert.match(docker, /COPY scripts\/copy-assets\.mjs scripts\/api-key\.ts scripts\/store\.ts \.\/scripts\//);
    assert.match(docker, /^COPY scripts\/ensure-built\.mjs \.\/scripts\/$/m);
    assert.match(docker, /^COPY --from=build \/app\/vendor \.\/vendor$/m);
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

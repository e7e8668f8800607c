import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, execSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';
import { parse as parseYaml } from 'yaml';
import { allText } from '../support/cards.js';
import { FakeConnector } from '../support/fake-connector.js';
import { IngestionStandIn } from '../support/ingestion-stand-in.js';
import { SellerClient } from '../support/seller-client.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
/** The toolkit release whose packaging is proved; m365agents.yml is written for its yaml schema (v1.13). */
const TOOLKIT = '@microsoft/m365agentstoolkit-cli@1.1.17';
/** Node's LTS lines this bot is deployed on (App Service NODE|24-lts) and tested on. */
const RUNTIMES = ['22', '24'];

/** An app setting or site property the Bicep gives App Service, as written there. */
function fromBicep(pattern: RegExp): string {
  const found = pattern.exec(read('infra/azure.bicep'))?.[1];
  assert.ok(found, `infra/azure.bicep has ${pattern}`);
  return found;
}
const BUILD_COMMAND = fromBicep(/\{ name: 'CUSTOM_BUILD_COMMAND', value: '([^']+)' \}/);
const START_COMMAND = fromBicep(/appCommandLine: '([^']+)'/);

/** What `atk provision` writes to env/.env.dev that the deploy step reads. */
const PROVISIONED: Record<string, string> = {
  BOT_AZURE_APP_SERVICE_RESOURCE_ID:
    '/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/dealbot/providers/Microsoft.Web/sites/dealbot',
};

/** The `azureAppService/zipDeploy` step of m365agents.yml, its placeholders filled as `atk deploy` fills them. */
function zipDeployStep(): Record<string, unknown> {
  const project = parseYaml(read('m365agents.yml')) as { deploy: { uses: string; with: Record<string, unknown> }[] };
  const step = project.deploy.find((s) => s.uses === 'azureAppService/zipDeploy');
  assert.ok(step, 'm365agents.yml deploys with azureAppService/zipDeploy');
  return JSON.parse(JSON.stringify(step.with).replace(/\$\{\{(\w+)\}\}/g, (_, name: string) => PROVISIONED[name] ?? ''));
}

/**
 * What `atk deploy` ships, proved with the toolkit's own packaging: the project is built as the deploy's
 * first steps build it, zipped by the toolkit's zipDeploy driver itself (installed in a scratch folder),
 * unpacked into an empty folder, installed with App Service's build command and started with its start
 * command on each Node LTS line, where it must answer /readyz and a wizard turn, run the store tool, and
 * send its request telemetry to Application Insights (a local ingestion stand-in). Slow (the toolkit
 * installs, the SQLite driver compiles twice), so it runs in CI on its own: npm run test:production.
 */
describe('what atk deploy ships, installed and started as App Service does', function () {
  this.timeout(20 * 60_000);
  const scratch = mkdtempSync(join(tmpdir(), 'dealbot-deploy-'));
  const unpacked = join(scratch, 'unpacked');
  let entries: string[] = [];

  before(() => {
    execSync('npm run build', { cwd: root, stdio: 'inherit' });
    const toolkit = join(scratch, 'toolkit');
    mkdirSync(toolkit);
    execSync(`npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts ${TOOLKIT}`, { cwd: toolkit, stdio: 'inherit' });
    const zipFile = join(scratch, 'deploy.zip');
    const step = zipDeployStep();
    execFileSync(process.execPath, [join(root, 'test/production/toolkit-zip.cjs'), toolkit, root, JSON.stringify(step), zipFile], {
      stdio: 'inherit',
    });
    const zip = new AdmZip(zipFile);
    entries = zip.getEntries().map((e) => e.entryName);
    zip.extractAllTo(unpacked);
    rmSync(toolkit, { recursive: true, force: true });
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('holds the built bot and what installing it needs, and nothing else', () => {
    for (const needed of ['dist/src/main.js', 'dist/scripts/store.js', 'dist/cards/welcome.json', 'dist/config/solutions.json']) {
      assert.ok(entries.includes(needed), `${needed} ships`);
    }
    for (const needed of ['package.json', 'package-lock.json', '.npmrc', 'scripts/ensure-built.mjs', 'vendor/http-deceiver/index.js']) {
      assert.ok(entries.includes(needed), `${needed} ships`);
    }
    const allowed = /^(dist\/|vendor\/|package\.json$|package-lock\.json$|\.npmrc$|scripts\/ensure-built\.mjs$)/;
    assert.deepEqual(
      entries.filter((e) => !allowed.test(e)),
      [],
      'no sources, tests, .env, toolkit files or node_modules',
    );
  });

  for (const version of RUNTIMES) {
    describe(`on Node ${version}`, () => {
      const app = join(scratch, `node-${version}`);
      const nodeHome = () => execFileSync('bash', [join(root, 'scripts/node-home.sh'), version], { encoding: 'utf8' }).trim();
      const connector = new FakeConnector();
      const ingestion = new IngestionStandIn();
      let env: NodeJS.ProcessEnv = {};
      let bot: ChildProcess | undefined;
      let url = '';

      before(async () => {
        cpSync(unpacked, app, { recursive: true });
        const home = nodeHome();
        env = { ...process.env, PATH: `${home}/bin:${process.env.PATH}`, npm_config_nodedir: home };
        execSync(BUILD_COMMAND, { cwd: app, env, stdio: 'inherit' });
        await Promise.all([connector.start(), ingestion.start()]);
      });
      after(async () => {
        if (bot?.pid && bot.exitCode === null) process.kill(-bot.pid, 'SIGKILL');
        await Promise.all([connector.stop(), ingestion.stop()]);
      });

      it('installs no development tool chain, TypeScript included', () => {
        for (const dev of [
          'typescript',
          'tsx',
          'esbuild',
          'mocha',
          '@biomejs/biome',
          'playwright-core',
          '@microsoft/m365agentsplayground',
        ]) {
          assert.equal(existsSync(join(app, 'node_modules', dev)), false, `${dev} was installed`);
        }
      });

      it(`starts with App Service's start command (${START_COMMAND}), answers /readyz and a wizard turn`, async () => {
        const started = spawn('sh', ['-c', `exec ${START_COMMAND}`], {
          cwd: app,
          detached: true,
          env: { ...env, ...ingestion.env, PORT: '0', HOST: '127.0.0.1', STORE_URL: `sqlite://${join(app, 'data/dealbot.sqlite')}` },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        bot = started;
        const output: string[] = [];
        started.stderr!.on('data', (d) => output.push(String(d)));
        url = await new Promise<string>((resolve, reject) => {
          started.once('exit', (code) => reject(new Error(`the bot exited ${code}: ${output.join('')}`)));
          createInterface({ input: started.stdout! }).on('line', (line) => {
            output.push(line);
            const port = line.startsWith('{') ? (JSON.parse(line) as { port?: number }).port : undefined;
            if (port) resolve(`http://127.0.0.1:${port}`);
          });
        });
        assert.match(execFileSync(join(nodeHome(), 'bin/node'), ['--version'], { encoding: 'utf8' }), new RegExp(`^v${version}\\.`));
        assert.equal((await fetch(`${url}/readyz`)).status, 200);
        const seller = new SellerClient({ url, connector }, { tenantId: 'tenant-contoso' });
        assert.match(allText(await seller.say('register a deal')), /Step 1 of 6/);
        assert.doesNotMatch(output.join('\n'), /DeprecationWarning|ExperimentalWarning/, 'Node warns of nothing');
      });

      it('runs the store tool in the same tree (npm run store -- backup)', () => {
        const backup = join(app, 'backup.jsonl.gz');
        const said = execSync(`npm run --silent store -- backup ${backup}`, {
          cwd: app,
          env: { ...env, STORE_URL: `sqlite://${join(app, 'data/dealbot.sqlite')}` },
          encoding: 'utf8',
        });
        assert.match(said, /Backed up [\d,]+ documents/);
        assert.ok(existsSync(backup));
      });

      it('sends the turn to Application Insights as a request, flushed when it stops', async () => {
        const exited = new Promise((resolve) => bot!.once('exit', resolve));
        process.kill(-bot!.pid!, 'SIGTERM');
        await exited;
        const requests = ingestion.requests();
        assert.ok(
          requests.some((r) => r.name === 'POST /api/messages' && r.responseCode === '200'),
          `requests received: ${JSON.stringify(requests.map((r) => r.name))}`,
        );
        assert.ok(
          ingestion.dependencies().some((d) => String(d.name).startsWith('store ')),
          'store calls as dependencies',
        );
      });
    });
  }
});

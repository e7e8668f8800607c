import assert from 'node:assert/strict';
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { allText } from '../support/cards.js';
import { FakeConnector } from '../support/fake-connector.js';
import { SellerClient } from '../support/seller-client.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** What a deploy ships (.webappignore): the built bot and what installing its dependencies needs. */
const SHIPPED = ['dist', 'package.json', 'package-lock.json', '.npmrc', 'scripts/ensure-built.mjs'];

/**
 * The bot as production runs it: `npm run build`, the built tree copied alone, `npm ci --omit=dev` there,
 * and `npm start` with plain node. Slow (the SQLite driver compiles), so it runs in CI on its own
 * (npm run test:production), not in npm test.
 */
describe('a production install', function () {
  this.timeout(15 * 60_000);
  const app = mkdtempSync(join(tmpdir(), 'dealbot-production-'));
  const connector = new FakeConnector();
  let bot: ChildProcess | undefined;
  let url = '';

  before(async () => {
    execSync('npm run build', { cwd: root, stdio: 'inherit' });
    for (const path of SHIPPED) {
      mkdirSync(dirname(join(app, path)), { recursive: true });
      cpSync(join(root, path), join(app, path), { recursive: true });
    }
    execSync('npm ci --omit=dev --no-audit --no-fund', { cwd: app, stdio: 'inherit' });
    await connector.start();
  });
  after(async () => {
    if (bot?.pid && bot.exitCode === null) process.kill(-bot.pid, 'SIGTERM');
    await connector.stop();
  });

  it('holds no development tool chain', () => {
    // (TypeScript itself stays: i18next names it as an optional peer, which npm keeps in a production tree.)
    for (const dev of ['tsx', 'esbuild', 'mocha', '@biomejs/biome', 'playwright-core', '@microsoft/m365agentsplayground', 'autocannon']) {
      assert.equal(existsSync(join(app, 'node_modules', dev)), false, `${dev} was installed`);
    }
    assert.equal(existsSync(join(app, 'src')), false);
  });

  it('starts with npm start, answers /readyz, and serves a wizard turn', async () => {
    const started = spawn('npm', ['start'], {
      cwd: app,
      detached: true,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        STORE_URL: `sqlite://${join(app, 'data', 'dealbot.sqlite')}`,
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot = started;
    const output: string[] = [];
    started.stderr!.on('data', (d) => output.push(String(d)));
    url = await new Promise<string>((resolve, reject) => {
      started.once('exit', (code) => reject(new Error(`npm start exited ${code}: ${output.join('')}`)));
      createInterface({ input: started.stdout! }).on('line', (line) => {
        output.push(line);
        if (!line.startsWith('{')) return;
        const port = (JSON.parse(line) as { port?: number }).port;
        if (port) resolve(`http://127.0.0.1:${port}`);
      });
    });
    assert.doesNotMatch(output.join('\n'), /Building dist/, 'started from the dist/ it was given');
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    const seller = new SellerClient({ url, connector }, { tenantId: 'tenant-contoso' });
    const card = await seller.say('register a deal');
    assert.match(allText(card), /Step 1 of 6/);
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { PLAYGROUND_PORT } from '../../scripts/playground-env.js';
import { tempStoreUrl } from '../support/temp-store.js';

const PORT = 3979; // not the 3978 a developer's own bot may be using
const up = async (url: string) => fetch(url).then((r) => r.ok, () => false);

describe('npm run playground', () => {
  it('starts the bot and the playground, prints the address to open, and Ctrl-C stops both', async () => {
    const child = spawn('npm', ['run', '--silent', 'playground'], {
      env: { ...process.env, PORT: String(PORT), STORE_URL: tempStoreUrl(), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true, // its own process group, as in a terminal, where Ctrl-C signals the whole group
    });
    const printed: string[] = [];
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${printed.join('\n')}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        printed.push(line);
        if (line.includes('Ctrl-C stops both')) resolve();
      });
    });
    const output = printed.join('\n');
    assert.match(output, new RegExp(`Open http://localhost:${PLAYGROUND_PORT} in your browser`));
    assert.match(output, /Authorization: Bearer [\w-]{24}/, 'a deal desk key for trying the API');
    const playground = `http://localhost:${PLAYGROUND_PORT}`;
    for (let i = 0; i < 50 && !(await up(playground)); i++) await new Promise((r) => setTimeout(r, 200));
    assert.equal(await up(playground), true, 'the playground answers');
    assert.equal(await up(`http://127.0.0.1:${PORT}/readyz`), true, 'the bot answers');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGINT');
    await exited;
    assert.equal(await up(playground), false, 'the playground stopped');
    assert.equal(await up(`http://127.0.0.1:${PORT}/readyz`), false, 'the bot stopped');
  });
});

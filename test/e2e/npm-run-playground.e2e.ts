import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { eventually } from '../support/eventually.js';
import { tempStoreUrl } from '../support/temp-store.js';

const PORT = 3979; // not the 3978 a developer's own bot may be using
const up = async (url: string) =>
  fetch(url).then(
    (r) => r.ok,
    () => false,
  );

describe('npm run playground', () => {
  it('starts the bot and the playground, prints the address to open, and Ctrl-C stops both', async () => {
    const child = spawn('npm', ['run', '--silent', 'playground', '--', '--port', '56190'], {
      env: { ...process.env, PORT: String(PORT), STORE_URL: tempStoreUrl(), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true, // its own process group, as in a terminal, where Ctrl-C signals the whole group
    });
    // Whatever happens below, nothing is left running: Ctrl-C to the whole group, as a terminal would.
    const cleanUp = () => {
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        // the group is gone already: the test stopped it
      }
    };
    const printed: string[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${printed.join('\n')}`)));
        createInterface({ input: child.stdout! }).on('line', (line) => {
          printed.push(line);
          if (line.includes('Ctrl-C stops both')) resolve();
        });
      });
      const output = printed.join('\n');
      const address = /Open (http:\/\/localhost:(\d+)) in your browser/.exec(output);
      assert.ok(address, output);
      assert.equal(address[2], '56190', 'the port asked for');
      assert.match(
        output,
        /You are the deal desk here too \(REVIEWERS=00000000-0000-0000-0000-0000000000001:00000000-0000-0000-0000-0000000000020\)/,
      );
      assert.match(output, /Authorization: Bearer [\w-]{24}/, 'a deal desk key for trying the API');
      const playground = address[1]!;
      assert.equal(await up(playground), true, 'the playground answers at the address printed, as soon as it is printed');
      assert.equal(await up(`http://127.0.0.1:${PORT}/readyz`), true, 'the bot answers');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGINT');
      await exited;
      // npm may exit before its children have: both must be gone within moments.
      await eventually(async () => !(await up(playground)), 60_000, 'the playground to stop');
      await eventually(async () => !(await up(`http://127.0.0.1:${PORT}/readyz`)), 60_000, 'the bot to stop');
    } finally {
      cleanUp();
    }
  });

  it('refuses a port that is no port, saying what to give', async () => {
    const child = spawn('npm', ['run', '--silent', 'playground', '--', '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /--port: a port number\nusage: npm run playground -- \[--port <playground port>\]/);
    assert.doesNotMatch(err, /\n\s+at /);
  });
});

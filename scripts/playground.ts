// npm run playground [-- --port <playground port>]: the bot and the Microsoft 365 Agents Playground (a local
// Teams-like client in the browser), together, offline, without an Azure account. Ctrl-C stops both. The
// bot listens on PORT (3978); the playground on --port (56150, or the next free one).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadDotEnv, parseConfig } from '../src/config.js';
import { PLAYGROUND_CLI, PLAYGROUND_ENV, PLAYGROUND_PORT, PLAYGROUND_TENANT, PLAYGROUND_USER } from './playground-env.js';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

const Options = z.object({
  port: z.coerce
    .number({ error: 'a port number' })
    .int('a whole port number')
    .min(1024, 'a port from 1024 up')
    .max(65535, 'a port up to 65535')
    .default(PLAYGROUND_PORT),
});
const options = (() => {
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { port: { type: 'string' } } });
    const parsed = Options.safeParse(values);
    if (parsed.success) return parsed.data;
    console.error(`--port: ${parsed.error.issues[0]?.message}\nusage: npm run playground -- [--port <playground port>]`);
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run playground -- [--port <playground port>]`);
  }
  process.exit(2);
})();

loadDotEnv();
const { port } = parseConfig(process.env);
// The playground's user is on the deal desk too (unless REVIEWERS says who is), so "review queue" works.
const reviewers = process.env.REVIEWERS || `${PLAYGROUND_TENANT}:${PLAYGROUND_USER}`;
// A deal desk key for the playground's tenant, new each run, so a newcomer can decide deals over the API.
const reviewerKey = randomBytes(18).toString('base64url');
const keyLine = `${PLAYGROUND_TENANT}:reviewer:${createHash('sha256').update(reviewerKey).digest('hex')}`;
const children: ChildProcess[] = [];

function run(args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', onLine ? 'pipe' : 'inherit', 'inherit'],
  });
  if (onLine) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      console.log(line);
      onLine(line);
    });
  }
  children.push(child);
  child.once('exit', (code) => {
    if (!stopping) {
      console.error(`\n${args[0] === PLAYGROUND_CLI ? 'the playground' : 'the bot'} exited (${code}); stopping`);
      void stop();
    }
  });
  return child;
}

let stopping = false;
async function stop(): Promise<void> {
  stopping = true;
  await Promise.all(
    children
      .filter((c) => c.exitCode === null)
      .map(
        (c) =>
          new Promise((resolve) => {
            c.once('exit', resolve);
            c.kill('SIGINT');
          }),
      ),
  );
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

// The playground sends no Bot Framework token: the bot runs as in local development, whatever .env says.
run(['--import', 'tsx', root('src/main.ts')], {
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
  NODE_ENV: 'development',
  API_KEYS: [process.env.API_KEYS, keyLine].filter(Boolean).join(','),
  REVIEWERS: reviewers,
});
await waitForBot(`http://127.0.0.1:${port}/readyz`);
// The address is printed once the playground listens, with the port it got (it takes another if 56150 is busy).
run(
  [PLAYGROUND_CLI, '-e', `http://127.0.0.1:${port}/api/messages`, '-p', String(options.port), '--disable-telemetry', '-c', 'msteams'],
  PLAYGROUND_ENV,
  (line) => {
    const listening = /Listening on (\d+)/.exec(line);
    if (listening) printWelcome(Number(listening[1]));
  },
);

function printWelcome(playgroundPort: number): void {
  console.log(`
  Dealbot is running with the Agents Playground.
  Open http://localhost:${playgroundPort} in your browser and type "register a deal".

  You are the deal desk here too (REVIEWERS=${reviewers}): say "review queue". Your own deals show no
  decisions (four eyes); decide them over the API. This run's deal desk key is ${reviewerKey}
    curl -H "Authorization: Bearer ${reviewerKey}" "http://localhost:${port}/api/v1/deals?status=in_review"
    curl -X POST -H "Authorization: Bearer ${reviewerKey}" -H "If-Match: *" -H "Content-Type: application/json" \\
      -d '{"comment":"Approved"}' "http://localhost:${port}/api/v1/deals/<id>/approve"

  Ctrl-C stops both.
`);
}

async function waitForBot(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`the bot did not become ready at ${url}`);
  await stop();
}

import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { PLAYGROUND_CLI, PLAYGROUND_ENV } from '../../scripts/playground-env.js';

/** The Agents Playground as `npm run playground` runs it: offline, no browser of its own, no telemetry. */
export class PlaygroundProcess {
  private child?: ChildProcess;
  readonly output: string[] = [];

  /** Where it listens: the port asked for, or another if that one was taken. */
  port = 0;

  constructor(
    private readonly botEndpoint: string,
    private readonly wantedPort: number,
  ) {}

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  async start(): Promise<this> {
    const child = spawn(
      process.execPath,
      [PLAYGROUND_CLI, '-e', this.botEndpoint, '-c', 'msteams', '-p', String(this.wantedPort), '--disable-telemetry'],
      { env: { ...process.env, ...PLAYGROUND_ENV }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    child.stderr!.on('data', (d) => this.output.push(String(d)));
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`playground exited ${code}: ${this.output.join('')}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        this.output.push(line);
        const listening = /Listening on (\d+)/.exec(line);
        if (listening) {
          this.port = Number(listening[1]);
          resolve();
        }
      });
    });
    return this;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
}

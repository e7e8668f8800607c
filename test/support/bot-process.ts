import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** The bot as its own process, started the way `npm start` does, so a test can kill it outright. */
export class BotProcess {
  private child?: ChildProcess;
  url = '';
  /** Extra node flags, e.g. --cpu-prof for a benchmark's profile. */
  nodeOptions: string[] = [];
  get pid(): number | undefined {
    return this.child?.pid;
  }
  readonly output: string[] = [];

  /** `script`: another entry point that prints the same "listening" line (the benchmarks' echo bot). */
  constructor(
    private readonly env: Record<string, string>,
    private readonly script = main,
  ) {}

  async start(): Promise<this> {
    const child = spawn(process.execPath, ['--import', 'tsx', ...this.nodeOptions, this.script], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stderr!.on('data', (d) => this.output.push(String(d)));
    const lines = createInterface({ input: child.stdout! });
    this.url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`bot exited ${code}: ${this.output.join('')}`)));
      lines.on('line', (line) => {
        this.output.push(line);
        const entry = JSON.parse(line) as { port?: number };
        if (entry.port) resolve(`http://127.0.0.1:${entry.port}`);
      });
    });
    return this;
  }

  /** SIGKILL: no chance to flush or close anything, as in a crash. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async signal(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    return new Promise((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill(signal);
    });
  }
}

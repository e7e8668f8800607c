import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './eventually.js';

/** A free loopback port, for a server this test starts and stops itself. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const isRoot = process.getuid?.() === 0;
const asPostgres = (command: string, args: string[]) =>
  (isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]) as [string, string[]];

/** Whether this machine can run the fault tests: redis-server and PostgreSQL's server programs. */
export function serverProgramsPresent(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return pgBin() !== undefined;
  } catch {
    return false;
  }
}

function pgBin(): string | undefined {
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    return versions[0] ? `/usr/lib/postgresql/${versions[0]}/bin` : undefined;
  } catch {
    return undefined;
  }
}

/** A Redis of this test's own, persisting every write, so it can be stopped and started with its data. */
export class ThrowawayRedis {
  private readonly dir = mkdtempSync(join(tmpdir(), 'dealbot-redis-'));
  private child?: ChildProcess;
  port = 0;
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port ||= await freePort();
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
      ],
      {
        stdio: 'ignore',
      },
    );
    await eventually(() => this.cli('PING') === 'PONG', 60_000, 'redis-server up');
    return this;
  }

  cli(...args: string[]): string {
    try {
      return execFileSync('redis-cli', ['-p', String(this.port), ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      return '';
    }
  }

  /** A clean shutdown: what was acknowledged is on disk. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A PostgreSQL cluster of this test's own (as the postgres user when run as root: initdb refuses root). */
export class ThrowawayPostgres {
  private readonly dir = mkdtempSync(join(tmpdir(), 'dealbot-pg-'));
  private readonly bin = pgBin()!;
  port = 0;
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
  private get data(): string {
    return join(this.dir, 'data');
  }

  private run(program: string, args: string[]): string {
    const [command, argv] = asPostgres(join(this.bin, program), args);
    return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  async start(): Promise<this> {
    if (!this.port) {
      this.port = await freePort();
      chmodSync(this.dir, 0o755);
      if (isRoot) chownSync(this.dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
      this.run('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres']);
    }
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-o',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir}`,
      'start',
    ]);
    return this;
  }

  /** Fast shutdown: every session is cut, as when the server is restarted under load. */
  stop(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
  }

  /** Ends every other session, with the server still up (pg_terminate_backend). */
  terminateSessions(): number {
    const out = this.run('psql', [
      '-h',
      this.dir,
      '-p',
      String(this.port),
      '-U',
      'postgres',
      '-Atc',
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'",
    ]);
    return Number(out.trim());
  }

  remove(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

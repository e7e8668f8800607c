import { Writable } from 'node:stream';
import { createDealbot, type Dealbot } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { TestClock } from './clock.js';
import { FakeConnector } from './fake-connector.js';
import { tempStoreUrl } from './temp-store.js';

/** Log lines the bot wrote, kept for assertions about what is (and is not) logged. */
export class LogSink extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

/** The real server on a free port, its own SQLite file, and a fake connector as the serviceUrl. */
export class BotUnderTest {
  readonly connector = new FakeConnector();
  readonly logs = new LogSink();
  /** The bot's clock: advance it, then `settled()`, to show nothing more is sent. */
  readonly clock = new TestClock();
  bot!: Dealbot;
  url = '';
  /** Where /metrics answers, when METRICS_PORT is set (the test listens on a free port instead). */
  metricsUrl = '';

  constructor(private readonly env: Record<string, string> = {}) {}

  async start(): Promise<this> {
    await this.connector.start();
    const config = parseConfig({ STORE_URL: tempStoreUrl(), LOG_LEVEL: 'debug', ...this.env, PORT: '0' });
    this.bot = await createDealbot(config, createLogger(config.logLevel, this.logs), { clock: this.clock.now });
    await new Promise<void>((resolve) => this.bot.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.bot.server.address().port}`;
    const metrics = this.bot.metricsServer;
    if (metrics) {
      await new Promise<void>((resolve) => metrics.listen(0, '127.0.0.1', resolve));
      this.metricsUrl = `http://127.0.0.1:${(metrics.address() as { port: number }).port}`;
    }
    return this;
  }

  /**
   * Moves the clock on (by default past a lease and the longest backoff, 15 minutes), runs the scanners
   * and the outbox worker once to the end: whatever was still owed has now been sent, so "no more" can
   * be asserted.
   */
  async settled(advanceMs = 16 * 60_000): Promise<void> {
    this.clock.advance(advanceMs);
    await this.bot.reminders.runNow();
    await this.bot.reviewDigests.runNow();
    await this.bot.worker.settle();
  }

  async stop(): Promise<void> {
    await this.bot.close();
    await this.connector.stop();
  }
}

export async function postActivity(baseUrl: string, activity: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

// Footprint: resident memory and time from start to ready, for the bot on an empty store and on one
// holding 100,000 deals with 1,000 sellers in the middle of the wizard, against the echo bot (the same
// server, adapter and connector client, no product) as the baseline. A wizard lives in the store, not in
// the process, so memory should not grow with either.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../src/clock.js';
import { openSqlite } from '../src/store/sqlite.js';
import { STEP_ORDER, validAnswers } from '../test/support/answers.js';
import { BotProcess } from '../test/support/bot-process.js';
import { eventually } from '../test/support/eventually.js';
import { FakeConnector } from '../test/support/fake-connector.js';
import { SellerClient } from '../test/support/seller-client.js';
import { tempStoreUrl } from '../test/support/temp-store.js';
import { fill } from './list-pages.js';

const ECHO_BOT = fileURLToPath(new URL('./echo-bot.ts', import.meta.url));
const GC_ON_SIGNAL = fileURLToPath(new URL('./gc-on-signal.ts', import.meta.url));

export interface ProcessFootprint {
  /** From spawning the process to /readyz answering 200. */
  readyMs: number;
  /** Resident set size once ready, and after the traffic (if any), in MiB. */
  rssReadyMiB: number;
  rssAfterMiB: number;
  /** The most the process ever held resident (VmHWM), in MiB. */
  rssPeakMiB: number;
  /** The JavaScript heap still in use after a full collection, once ready and after the traffic, in MiB. */
  heapReadyMiB: number;
  heapAfterMiB: number;
}

export interface FootprintFigures {
  deals: number;
  openWizards: number;
  echo: ProcessFootprint;
  emptyStore: ProcessFootprint;
  loaded: ProcessFootprint;
  /** The loaded bot against the echo bot. */
  rssRatio: number;
  readyRatio: number;
}

const MiB = 2 ** 20;
/** How long to wait for a process to be ready or to report: past this, the benchmark fails, not hangs. */
const WAIT_MS = 60_000;

function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? Number.NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** Asks the process (preloaded with gc-on-signal) to collect, and reads the heap it still uses. */
async function heapAfterCollection(bot: BotProcess): Promise<number> {
  const seen = bot.output.length;
  process.kill(bot.pid!, 'SIGUSR2');
  const line = await eventually(() => bot.output.slice(seen).find((l) => l.includes('"collected"')), WAIT_MS, 'the heap report');
  return (JSON.parse(line) as { collected: { heapUsed: number } }).collected.heapUsed / MiB;
}

/** Polled every 25 ms: the start-up times measured are seconds. */
const untilReady = (url: string) =>
  eventually(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200, WAIT_MS, `${url}/readyz`);

/** Starts a process, waits until it is ready, runs `traffic` against it, and reads its memory. */
async function footprint(bot: BotProcess, traffic: (url: string) => Promise<void> = async () => {}): Promise<ProcessFootprint> {
  bot.nodeOptions = ['--expose-gc', '--import', GC_ON_SIGNAL];
  const started = performance.now();
  await bot.start();
  await untilReady(bot.url);
  const readyMs = performance.now() - started;
  try {
    const ready = memoryOf(bot.pid!);
    const heapReadyMiB = await heapAfterCollection(bot);
    await traffic(bot.url);
    const after = memoryOf(bot.pid!);
    const heapAfterMiB = await heapAfterCollection(bot);
    return { readyMs, rssReadyMiB: ready.rssMiB, rssAfterMiB: after.rssMiB, rssPeakMiB: after.peakMiB, heapReadyMiB, heapAfterMiB };
  } finally {
    await bot.signal('SIGTERM');
  }
}

/** `wizards` sellers each start a registration and answer its first steps, 20 at a time. */
async function openWizards(url: string, connector: FakeConnector, wizards: number): Promise<void> {
  let next = 0;
  const answers = validAnswers();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < wizards) {
        const seller = new SellerClient({ url, connector }, { tenantId: `tenant-${next++ % 10}` });
        let card = await seller.say('register a deal');
        for (const step of STEP_ORDER.slice(0, 2)) card = await seller.click(card, 'Next', answers[step]);
      }
    }),
  );
}

export async function benchFootprint({ deals, wizards }: { deals: number; wizards: number }): Promise<FootprintFigures> {
  const connector = await new FakeConnector().start();
  try {
    // An unmeasured start first, so no measured one pays for filling tsx's compile cache.
    await footprint(new BotProcess({ STORE_URL: tempStoreUrl() }));
    const echo = await footprint(new BotProcess({ STORE_URL: tempStoreUrl() }, ECHO_BOT));
    const emptyStore = await footprint(new BotProcess({ STORE_URL: tempStoreUrl() }));
    const loadedUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'dealbot-bench-')), 'bench.sqlite')}`;
    const docs = await openSqlite(loadedUrl, { clock: systemClock });
    await fill(docs, deals);
    await docs.close();
    const loaded = await footprint(new BotProcess({ STORE_URL: loadedUrl }), (url) => openWizards(url, connector, wizards));
    return {
      deals,
      openWizards: wizards,
      echo,
      emptyStore,
      loaded,
      rssRatio: loaded.rssAfterMiB / echo.rssAfterMiB,
      readyRatio: loaded.readyMs / echo.readyMs,
    };
  } finally {
    await connector.stop();
  }
}

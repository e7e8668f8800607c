// Store operations per user action: how many reads and writes one wizard step and one API decision cost,
// through the answer and until the outbox has settled. Counted from the bot's own /metrics (every store
// call is timed there), so the figure is the product's, not an instrumented copy's.
import { createServer } from 'node:net';
import { STEP_ORDER, validAnswers } from '../test/support/answers.js';
import { API_KEYS_ENV, KEYS } from '../test/support/api-client.js';
import { BotProcess } from '../test/support/bot-process.js';
import { FakeConnector } from '../test/support/fake-connector.js';
import { SellerClient } from '../test/support/seller-client.js';
import { tempStoreUrl } from '../test/support/temp-store.js';

const TENANT = 'tenant-contoso';

export interface StoreOpsFigures {
  /** One wizard step (Next on the value step), averaged. */
  wizardStep: { toAnswer: number };
  /** One API approval of a deal in review, with a review conversation claimed. */
  apiDecision: { toAnswer: number; untilSettled: number };
  samples: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Store calls so far, by the bot's own count (the store timing histogram's _count series). A scrape reads
 * the store for its gauges (the pending index, the desk's backlog): each scrape's own calls, measured once
 * with nothing else going on (`calibrate`), are left out, so two scrapes with nothing between read the same.
 */
let scrapes = 0;
let perScrape = 0;
async function rawStoreCalls(metricsUrl: string): Promise<number> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('dealbot_store_operation_seconds_count'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}
async function storeCalls(metricsUrl: string): Promise<number> {
  scrapes++;
  return (await rawStoreCalls(metricsUrl)) - scrapes * perScrape;
}
async function calibrate(metricsUrl: string): Promise<void> {
  const first = await rawStoreCalls(metricsUrl);
  perScrape = (await rawStoreCalls(metricsUrl)) - first;
  scrapes = 0;
}

export async function benchStoreOps(samples = 10): Promise<StoreOpsFigures> {
  const connector = await new FakeConnector().start();
  const metricsPort = await freePort();
  // The poll is an hour: the worker then runs only when a change wakes it, and idle polling adds nothing.
  const env = {
    STORE_URL: tempStoreUrl(),
    API_KEYS: API_KEYS_ENV,
    REVIEWERS: `${TENANT}:reviewer-1`,
    OUTBOX_POLL: 'PT1H',
    METRICS_PORT: String(metricsPort),
    METRICS_HOST: '127.0.0.1',
  };
  const bot = await new BotProcess(env).start();
  const metricsUrl = `http://127.0.0.1:${metricsPort}`;
  const target = { url: bot.url, connector };
  try {
    const reviewer = new SellerClient(target, {
      tenantId: TENANT,
      conversationId: '19:desk@thread.v2',
      conversationType: 'groupChat',
      aadObjectId: 'reviewer-1',
      userId: '29:reviewer-1',
    });
    await reviewer.say('use this chat for reviews');
    await calibrate(metricsUrl);
    const answers = validAnswers();
    let stepCalls = 0;
    let decisionToAnswer = 0;
    let decisionSettled = 0;
    for (let i = 0; i < samples; i++) {
      const seller = new SellerClient(target, { tenantId: TENANT });
      let card = await seller.say('register a deal');
      for (const step of STEP_ORDER) {
        const before = await storeCalls(metricsUrl);
        card = await seller.click(card, 'Next', answers[step]);
        if (step === 'value') stepCalls += (await storeCalls(metricsUrl)) - before;
      }
      await seller.click(card, 'Register');
      const dealId = (card.actions as { data?: { dealId?: string } }[] | undefined)?.find((a) => a.data?.dealId)?.data?.dealId;
      if (!dealId) throw new Error('no deal id on the summary card');
      await waitForQuiet(metricsUrl);
      const before = await storeCalls(metricsUrl);
      const res = await fetch(`${bot.url}/api/v1/deals/${dealId}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEYS.reviewer}`, 'if-match': '*', 'content-type': 'application/json' },
        body: '{}',
      });
      if (res.status !== 200) throw new Error(`approve answered ${res.status}`);
      decisionToAnswer += (await storeCalls(metricsUrl)) - before;
      decisionSettled += (await waitForQuiet(metricsUrl)) - before;
    }
    return {
      wizardStep: { toAnswer: stepCalls / samples },
      apiDecision: { toAnswer: decisionToAnswer / samples, untilSettled: decisionSettled / samples },
      samples,
    };
  } finally {
    await bot.signal('SIGTERM');
    await connector.stop();
  }
}

/**
 * Waits until the count stops moving (the worker is done), and returns it. Bounded: a count that never
 * settles (a scrape that reads more than calibrated, a worker that polls faster than this) is a broken
 * measurement, said as one, not a benchmark that runs until CI's deadline.
 */
async function waitForQuiet(metricsUrl: string): Promise<number> {
  const deadline = Date.now() + 60_000;
  let last = await storeCalls(metricsUrl);
  for (;;) {
    if (Date.now() > deadline) throw new Error('store calls never settled within 60 s; the measurement is broken');
    await new Promise((r) => setTimeout(r, 300));
    const now = await storeCalls(metricsUrl);
    if (now === last) return now;
    last = now;
  }
}

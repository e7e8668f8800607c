// Turns: what a Dealbot turn costs against an echo bot on the same server, adapter and fake connector.
// Two turns: a wizard step (card submit, validate, store, next card) and a list ("show my in-progress
// deals": index read, deals read, card sent). autocannon at 10 and 50 connections, the same way for both.
// The bots run as their own processes, as in production; autocannon and the fake connector run here.
// Targets: throughput 0.7 of the echo's or more; p99 no more than twice the echo's.

import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { systemClock } from '../src/clock.js';
import { draftDeal } from '../src/domain/deal.js';
import { ConversationRefs } from '../src/store/conversation-refs.js';
import { DealRepository } from '../src/store/deal-repository.js';
import { openStore } from '../src/store/open.js';
import { executeActivity, messageActivity, type Speaker, speaker } from '../test/support/activities.js';
import { BotProcess } from '../test/support/bot-process.js';
import { FakeConnector } from '../test/support/fake-connector.js';
import { seededDeal } from '../test/support/seed.js';
import { tempStoreUrl } from '../test/support/temp-store.js';
import { cpuProfile } from './profile-summary.js';
import { processCpuSeconds } from './stats.js';

export interface Throughput {
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU the bot process spent per turn (user + system), in milliseconds. */
  cpuMsPerTurn: number;
}

export interface TurnFigures {
  turn: 'wizard step' | 'list';
  connections: number;
  echo: Throughput;
  dealbot: Throughput;
  ratio: number;
  p99Ratio: number;
}

const ECHO_BOT = fileURLToPath(new URL('./echo-bot.ts', import.meta.url));
/** Drafts made for each wizard-step run: more than the fastest run can submit, so no step meets a stale card. */
const DRAFTS_PER_SECOND = 900;

async function load(bot: BotProcess, connections: number, seconds: number, body: () => unknown): Promise<Throughput> {
  const cpuBefore = processCpuSeconds(bot.pid!);
  const result = await autocannon({
    url: `${bot.url}/api/messages`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${bot.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  const cpuMsPerTurn = ((processCpuSeconds(bot.pid!) - cpuBefore) * 1000) / result.requests.total;
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuMsPerTurn };
}

interface Draft {
  seller: Speaker;
  dealId: string;
}

/**
 * One seller per draft, all in one tenant: each step validates and writes a deal nobody else touches. A
 * seller in the middle of the wizard has talked to the bot before, so the bot knows their chat already.
 */
async function seed(storeUrl: string, serviceUrl: string, drafts: number): Promise<{ drafts: Draft[]; lister: Speaker }> {
  const store = await openStore(storeUrl, { clock: systemClock });
  const repo = new DealRepository(store);
  const refs = new ConversationRefs(store);
  const knownChat = (seller: Speaker) =>
    refs.save({
      tenantId: seller.tenantId,
      userId: seller.aadObjectId,
      serviceUrl,
      channelId: 'msteams',
      conversationId: seller.conversationId,
      botId: '28:dealbot',
      locale: 'en',
      formatLocale: seller.locale,
      timeZone: 'UTC',
      valid: true,
    });
  const lister = speaker({ tenantId: 'tenant-bench' });
  await knownChat(lister);
  for (let i = 0; i < 25; i++) {
    await repo.create(
      seededDeal({
        tenantId: lister.tenantId,
        ownerId: lister.aadObjectId,
        status: 'in_review',
        companyName: `Listed ${i}`,
        minutesAgo: i,
      }),
    );
  }
  const made: Draft[] = Array.from({ length: drafts }, () => ({ seller: speaker({ tenantId: lister.tenantId }), dealId: randomUUID() }));
  // Sixteen at a time: seeding is not what is measured, and one at a time took longer than the runs.
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < made.length) {
        const { seller, dealId } = made[next++]!;
        const now = new Date();
        await repo.create(
          draftDeal({
            id: dealId,
            tenantId: seller.tenantId,
            ownerId: seller.aadObjectId,
            locale: 'en',
            createdBy: { id: seller.aadObjectId },
            source: 'seller',
            now,
          }),
        );
        await knownChat(seller);
      }
    }),
  );
  await store.close();
  return { drafts: made, lister };
}

/** `profileDir`: the bot process writes a CPU profile of its whole run there (node --cpu-prof). */
export async function benchTurns({ quick, profileDir }: { quick: boolean; profileDir?: string }): Promise<TurnFigures[]> {
  const seconds = quick ? 2 : 8;
  const storeUrl = tempStoreUrl();
  const connectionCounts = quick ? [10] : [10, 50];
  // Each wizard-step run (and its warm-up) takes fresh drafts: a draft's step, once taken, is stale.
  const perRun = DRAFTS_PER_SECOND * seconds;
  const connector = await new FakeConnector().start();
  const { drafts, lister } = await seed(storeUrl, connector.url, perRun * (connectionCounts.length + 1));
  const dealbot = new BotProcess({ STORE_URL: storeUrl });
  if (profileDir) dealbot.nodeOptions = cpuProfile(profileDir, 'turns');
  await dealbot.start();
  const echo = await new BotProcess({ STORE_URL: tempStoreUrl() }, ECHO_BOT).start();
  let taken = 0;
  let runEnd = 0;
  const startRun = () => {
    taken = runEnd;
    runEnd += perRun;
  };
  const customerStep = ({ seller, dealId }: Draft) => {
    const answers = {
      dealId,
      version: 1,
      step: 'customer',
      companyName: 'Northwind Traders AB',
      country: 'SE',
      city: 'Stockholm',
      state: '',
    };
    return executeActivity(seller, connector.url, 'wizard.next', answers);
  };
  const wizardStep = () => {
    if (taken >= runEnd) throw new Error(`a wizard-step run outran its ${perRun} drafts; raise DRAFTS_PER_SECOND`);
    return customerStep(drafts[taken++]!);
  };
  // The echo bot gets the same invoke, byte for byte in shape; it uses no draft.
  const echoWizardStep = () => customerStep(drafts[0]!);
  const list = () => messageActivity(lister, connector.url, 'show my in-progress deals');
  const figures: TurnFigures[] = [];
  try {
    // Warm-up on both: JIT, keep-alive sockets, SQLite's page cache.
    startRun();
    await load(dealbot, 10, 1, wizardStep);
    await load(echo, 10, 1, echoWizardStep);
    await load(echo, 10, 1, list);
    await load(dealbot, 10, 1, list);
    const turns = [
      ['wizard step', echoWizardStep, wizardStep],
      ['list', list, list],
    ] as const;
    for (const [turn, echoBody, body] of turns) {
      for (const connections of connectionCounts) {
        const e = await load(echo, connections, seconds, echoBody);
        if (body === wizardStep) startRun();
        const d = await load(dealbot, connections, seconds, body);
        figures.push({ turn, connections, echo: e, dealbot: d, ratio: d.perSecond / e.perSecond, p99Ratio: d.p99 / e.p99 });
      }
    }
  } finally {
    await Promise.all([dealbot.signal('SIGTERM'), echo.signal('SIGTERM')]);
    await connector.stop();
  }
  return figures;
}

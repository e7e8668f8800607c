// Scale-out: whole registrations (the wizard's eight turns, from "register a deal" to Register) per second
// against one bot instance, then against two on the same shared store, with the same sellers at once.
// The ratio says what a second instance adds. Target: 1.7 or more.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { STEP_ORDER, validAnswers } from '../test/support/answers.js';
import { BotProcess } from '../test/support/bot-process.js';
import type { Json } from '../test/support/cards.js';
import { FakeConnector } from '../test/support/fake-connector.js';
import { SellerClient } from '../test/support/seller-client.js';
import { cpuProfile } from './profile-summary.js';
import { processCpuSeconds, withMachineLoad } from './stats.js';

const SELLERS = 24;
const ROUNDS = 3;

interface Measured {
  perSecond: number;
  busy: number;
  botMs: number;
  loadMs: number;
  machineMs: number;
}

export interface ScaleOutFigures {
  oneInstancePerSecond: number;
  twoInstancesPerSecond: number;
  ratio: number;
  seconds: number;
  /** How busy the machine's cores were in each run (0 to 1): a second instance adds nothing on cores already full. */
  machineBusyOne: number;
  machineBusyTwo: number;
  /** CPU milliseconds per registration, in each run: the bot processes, the load generator (this process:
   *  24 sellers reading every card, and the fake connector), and the whole machine (the rest is the database). */
  botCpuMsPerRegistrationOne: number;
  botCpuMsPerRegistrationTwo: number;
  loadCpuMsPerRegistrationOne: number;
  loadCpuMsPerRegistrationTwo: number;
  machineCpuMsPerRegistrationOne: number;
  machineCpuMsPerRegistrationTwo: number;
}

async function register(target: { url: string; connector: FakeConnector }, tenantId: string): Promise<void> {
  const seller = new SellerClient(target, { tenantId });
  const answers = validAnswers();
  let card: Json = await seller.say('register a deal');
  for (const step of STEP_ORDER) card = await seller.click(card, 'Next', answers[step]);
  await seller.click(card, 'Register');
}

/** A run: SELLERS registering at once, spread over the instances, for about `seconds`. */
async function registrations(urls: string[], connector: FakeConnector, seconds: number): Promise<{ done: number; elapsed: number }> {
  const started = performance.now();
  const until = started + seconds * 1000;
  const run = randomUUID().slice(0, 8);
  let done = 0;
  await Promise.all(
    Array.from({ length: SELLERS }, async (_, i) => {
      const target = { url: urls[i % urls.length]!, connector };
      // A few tenants, as a partner's fleet would serve: not a new tenant per registration.
      const tenantId = `bench-tenant-${i % 4}-${run}`;
      while (performance.now() < until) {
        await register(target, tenantId);
        done++;
      }
    }),
  );
  // Until the last registration in flight finished: those count, so their time does too.
  return { done, elapsed: (performance.now() - started) / 1000 };
}

/** `profileDir`: each instance writes a CPU profile of its whole run there (node --cpu-prof). */
export async function benchScaleOut(storeUrl: string, seconds: number, profileDir?: string): Promise<ScaleOutFigures> {
  const connector = await new FakeConnector().start();
  const bots = [0, 1].map((i) => {
    const bot = new BotProcess({ STORE_URL: storeUrl });
    if (profileDir) bot.nodeOptions = cpuProfile(profileDir, `scale-out-${storeUrl.split(':')[0]}-${i + 1}`);
    return bot;
  });
  await Promise.all(bots.map((bot) => bot.start()));
  try {
    await registrations([bots[0]!.url], connector, 2); // warm-up: JIT, connections, the store's first writes
    await registrations([bots[1]!.url], connector, 2);
    const botCpu = () => bots.reduce((sum, bot) => sum + processCpuSeconds(bot.pid!), 0);
    // One instance and two in alternating rounds, so a slow spell on the machine falls on both.
    const totals = [0, 1].map(() => ({ done: 0, elapsed: 0, busy: 0, cpu: 0, load: 0 }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, urls] of [[bots[0]!.url], bots.map((b) => b.url)].entries()) {
        const cpuBefore = botCpu();
        const loadBefore = process.cpuUsage();
        const { result, busy } = await withMachineLoad(() => registrations(urls, connector, seconds / ROUNDS));
        const load = process.cpuUsage(loadBefore);
        const total = totals[i]!;
        total.done += result.done;
        total.elapsed += result.elapsed;
        total.busy += busy * result.elapsed;
        total.cpu += botCpu() - cpuBefore;
        total.load += (load.user + load.system) / 1e6;
      }
    }
    const cores = availableParallelism();
    const [one, two] = totals.map((t) => ({
      perSecond: t.done / t.elapsed,
      busy: t.busy / t.elapsed,
      botMs: (t.cpu * 1000) / t.done,
      loadMs: (t.load * 1000) / t.done,
      machineMs: (t.busy * cores * 1000) / t.done,
    })) as [Measured, Measured];
    return {
      oneInstancePerSecond: one.perSecond,
      twoInstancesPerSecond: two.perSecond,
      ratio: two.perSecond / one.perSecond,
      seconds,
      machineBusyOne: one.busy,
      machineBusyTwo: two.busy,
      botCpuMsPerRegistrationOne: one.botMs,
      botCpuMsPerRegistrationTwo: two.botMs,
      loadCpuMsPerRegistrationOne: one.loadMs,
      loadCpuMsPerRegistrationTwo: two.loadMs,
      machineCpuMsPerRegistrationOne: one.machineMs,
      machineCpuMsPerRegistrationTwo: two.machineMs,
    };
  } finally {
    await Promise.all(bots.map((b) => b.signal('SIGTERM')));
    await connector.stop();
  }
}

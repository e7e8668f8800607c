// Scale-out: whole registrations (the wizard's eight turns, from "register a deal" to Register) per second
// against one bot instance, then against two on the same shared store, with the same sellers at once.
// The ratio says what a second instance adds. Target: 1.7 or more.
import { randomUUID } from 'node:crypto';
import { STEP_ORDER, validAnswers } from '../test/support/answers.js';
import { BotProcess } from '../test/support/bot-process.js';
import type { Json } from '../test/support/cards.js';
import { FakeConnector } from '../test/support/fake-connector.js';
import { SellerClient } from '../test/support/seller-client.js';
import { cpuProfile } from './profile-summary.js';
import { processCpuSeconds, withMachineLoad } from './stats.js';

const SELLERS = 24;

export interface ScaleOutFigures {
  oneInstancePerSecond: number;
  twoInstancesPerSecond: number;
  ratio: number;
  seconds: number;
  /** How busy the machine's cores were in each run (0 to 1): a second instance adds nothing on cores already full. */
  machineBusyOne: number;
  machineBusyTwo: number;
  /** CPU milliseconds the bot processes spent per registration, in each run. */
  botCpuMsPerRegistrationOne: number;
  botCpuMsPerRegistrationTwo: number;
}

async function register(target: { url: string; connector: FakeConnector }, tenantId: string): Promise<void> {
  const seller = new SellerClient(target, { tenantId });
  const answers = validAnswers();
  let card: Json = await seller.say('register a deal');
  for (const step of STEP_ORDER) card = await seller.click(card, 'Next', answers[step]);
  await seller.click(card, 'Register');
}

/** Registrations per second: SELLERS at once, spread over the instances, for `seconds`. */
async function throughput(urls: string[], connector: FakeConnector, seconds: number): Promise<number> {
  const until = Date.now() + seconds * 1000;
  const run = randomUUID().slice(0, 8);
  let done = 0;
  await Promise.all(
    Array.from({ length: SELLERS }, async (_, i) => {
      const target = { url: urls[i % urls.length]!, connector };
      // A few tenants, as a partner's fleet would serve: not a new tenant per registration.
      const tenantId = `bench-tenant-${i % 4}-${run}`;
      while (Date.now() < until) {
        await register(target, tenantId);
        done++;
      }
    }),
  );
  return done / seconds;
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
    await throughput([bots[0]!.url], connector, 2); // warm-up: JIT, connections, the store's first writes
    await throughput([bots[1]!.url], connector, 2);
    const botCpu = () => bots.reduce((sum, bot) => sum + processCpuSeconds(bot.pid!), 0);
    const measured = async (urls: string[]) => {
      const cpuBefore = botCpu();
      const { result: perSecond, busy } = await withMachineLoad(() => throughput(urls, connector, seconds));
      return { perSecond, busy, cpuMsPerRegistration: ((botCpu() - cpuBefore) * 1000) / (perSecond * seconds) };
    };
    const one = await measured([bots[0]!.url]);
    const two = await measured(bots.map((b) => b.url));
    return {
      oneInstancePerSecond: one.perSecond,
      twoInstancesPerSecond: two.perSecond,
      ratio: two.perSecond / one.perSecond,
      seconds,
      machineBusyOne: one.busy,
      machineBusyTwo: two.busy,
      botCpuMsPerRegistrationOne: one.cpuMsPerRegistration,
      botCpuMsPerRegistrationTwo: two.cpuMsPerRegistration,
    };
  } finally {
    await Promise.all(bots.map((b) => b.signal('SIGTERM')));
    await connector.stop();
  }
}

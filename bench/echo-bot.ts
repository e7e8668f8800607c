// The baseline for the turn benchmark: the same restify server, CloudAdapter and connector client as
// Dealbot, with a turn that only answers ("echo"). Started as its own process, like the bot, and prints
// the same "listening" line with its port.

import { ActivityTypes, type TurnContext } from 'botbuilder';
import { createAdapter } from '../bot/app.js';
import { systemClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { createServer } from '../src/http/server.js';
import { createLogger } from '../src/log.js';
import { Metrics } from '../src/metrics.js';
import { openStore } from '../src/store/open.js';

const config = parseConfig(process.env);
const log = createLogger(config.logLevel);
const store = await openStore(config.storeUrl, { clock: systemClock });

async function echo(context: TurnContext): Promise<void> {
  if (context.activity.type === ActivityTypes.Invoke) {
    const body = { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'echo' };
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
  } else {
    await context.sendActivity('echo');
  }
}

const echoBot = createServer({
  adapter: createAdapter(config, log),
  runTurn: echo,
  store,
  metrics: new Metrics({ outbox: async () => ({ depth: 0 }), deskBacklog: async () => 0, now: () => new Date() }),
  log,
  maxBodyBytes: config.maxBodyBytes,
  limits: config.http,
  authenticates: config.botFramework.MicrosoftAppId !== '',
  botAppId: '',
});
echoBot.server.listen(config.port, config.host, () => log.info({ port: echoBot.server.address().port }, 'echo bot listening'));
process.once('SIGTERM', async () => {
  await echoBot.drain();
  await store.close();
  process.exit(0);
});

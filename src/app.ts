import { createAdapter } from '../bot/app.js';
import { dispatch } from '../bot/dispatch.js';
import type { BotServices } from '../bot/turn.js';
import type { Config } from './config.js';
import { createServer, type DealbotServer } from './http/server.js';
import type { Logger } from './log.js';
import { DealsService } from './services/deals-service.js';
import { WizardService } from './services/wizard-service.js';
import { loadSolutions } from './solutions.js';
import { DealRepository } from './store/deal-repository.js';
import type { Documents } from './store/documents.js';
import { openSqlite } from './store/sqlite.js';

export interface Dealbot extends DealbotServer {
  store: Documents;
  close(): Promise<void>;
}

/** Wires the product from its config: store, use cases, bot, HTTP server (not yet listening). */
export async function createDealbot(config: Config, log: Logger): Promise<Dealbot> {
  const solutions = loadSolutions(config.solutionsFile);
  const store = await openSqlite(config.storeUrl);
  const deals = new DealRepository(store);
  const services: BotServices = {
    deals: new DealsService(deals, config.pageSize),
    wizard: new WizardService({ deals, solutions: () => solutions, policy: config.policy }),
    solutions: () => solutions,
    policy: config.policy,
    log: log.child({ module: 'bot' }),
  };
  const adapter = createAdapter(config, services);
  const http = createServer({
    adapter,
    runTurn: (context) => dispatch(context, services),
    store,
    log: log.child({ module: 'http' }),
    maxBodyBytes: config.maxBodyBytes,
  });
  return {
    ...http,
    store,
    async close() {
      await http.drain();
      await store.close();
    },
  };
}

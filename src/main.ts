import { createDealbot } from './app.js';
import { ConfigError, loadDotEnv, parseConfig } from './config.js';
import { createLogger } from './log.js';
import { storeKind } from './store/open.js';

async function main(): Promise<void> {
  loadDotEnv();
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  const bot = await createDealbot(config, log);
  bot.server.listen(config.port, config.host, () => {
    const address = bot.server.address();
    log.info({ port: address.port, store: storeKind(config.storeUrl) }, `Dealbot listening on http://localhost:${address.port}/api/messages`);
  });
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping: finishing turns in flight');
    await bot.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Dealbot could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

// Only what config and telemetry need is imported here: telemetry must start before the HTTP server, the
// store drivers and botbuilder are first loaded, so that its instrumentations see them (src/telemetry.ts).
import { ConfigError, loadDotEnv, parseConfig, storeKind } from './config.js';
import { createLogger, type Logger } from './log.js';
import { startTelemetry } from './telemetry.js';

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
  const stopTelemetry = await startTelemetry(config.telemetry);
  const log = createLogger(config.logLevel, undefined, { exported: config.telemetry !== undefined });
  lastLine(log);
  if (config.telemetry) log.info({ telemetry: config.telemetry.exporter }, 'telemetry exported');
  const { createDealbot } = await import('./app.js');
  const bot = await createDealbot(config, log);
  bot.server.listen(config.port, config.host, () => {
    const address = bot.server.address();
    log.info(
      { port: address.port, store: storeKind(config.storeUrl) },
      `Dealbot listening on http://localhost:${address.port}/api/messages`,
    );
  });
  if (bot.metricsServer && config.metrics) {
    const { port, host } = config.metrics;
    bot.metricsServer.listen(port, host, () => log.info({ metricsPort: port }, `metrics on http://${host}:${port}/metrics`));
  }
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping: finishing turns in flight');
    await bot.close();
    // Last, so the spans of the turns that drained above leave with the rest.
    await stopTelemetry().catch((error: unknown) => log.warn({ err: (error as Error).message }, 'telemetry could not be flushed'));
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/**
 * The last line, for what no handler caught. A rejected promise leaves nothing half-done behind it, so it
 * is logged and the bot goes on. An uncaught exception from a single connection's I/O (a socket reset, a
 * stream cut short) is that connection's failure only, and is logged the same way. Anything else may
 * have left state half-changed: it is logged as fatal and the process exits, for its supervisor to start
 * a clean one. The hostile-HTTP tests assert that no request of theirs ever reaches this.
 */
const CONNECTION_ERRORS = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_STREAM_DESTROYED',
  'Z_DATA_ERROR',
  'Z_BUF_ERROR',
]);
function lastLine(log: Logger): void {
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason, lastLine: 'unhandledRejection' }, 'a promise failed with no handler; carrying on');
  });
  process.on('uncaughtException', (error: Error & { code?: string }) => {
    if (error.code && CONNECTION_ERRORS.has(error.code)) {
      log.error({ err: error, lastLine: 'uncaughtException' }, 'a connection failed with no handler; carrying on');
      return;
    }
    log.fatal({ err: error, lastLine: 'uncaughtException' }, 'uncaught exception; exiting for a clean restart');
    process.exit(70);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`Dealbot could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

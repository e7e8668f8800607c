import type { CloudAdapter, TurnContext } from 'botbuilder';
import restify from 'restify';
import type { Documents } from '../store/documents.js';
import type { Logger } from '../log.js';

export interface ServerDeps {
  adapter: CloudAdapter;
  runTurn: (context: TurnContext) => Promise<void>;
  store: Documents;
  log: Logger;
  maxBodyBytes: number;
}

export interface DealbotServer {
  server: restify.Server;
  /** Stops taking requests and resolves once the turns in flight have finished. */
  drain(): Promise<void>;
}

export function createServer(deps: ServerDeps): DealbotServer {
  const server = restify.createServer({ name: 'dealbot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false, mapFiles: false }));

  let inFlight = 0;
  let idle: (() => void) | undefined;
  let draining = false;

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.header('Retry-After', '5');
      res.send(503, { error: 'shutting down' });
      return;
    }
    inFlight++;
    try {
      await deps.adapter.process(req, res, deps.runTurn);
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    try {
      await deps.store.ping();
      res.send(draining ? 503 : 200, { status: draining ? 'draining' : 'ready', store: 'ok' });
    } catch (error) {
      deps.log.warn({ err: (error as Error).message }, 'store not answering');
      res.send(503, { status: 'not ready', store: 'unreachable' });
    }
  });

  return {
    server,
    async drain() {
      draining = true;
      server.close();
      if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
    },
  };
}

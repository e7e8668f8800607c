import type { CloudAdapter, TurnContext } from 'botbuilder';
import restify from 'restify';
import type { Documents } from '../store/documents.js';
import type { Logger } from '../log.js';
import { PROBLEM_JSON, problem } from './api/problem.js';
import { registerLegalPages } from './legal-pages.js';
import type { Metrics } from '../metrics.js';

export interface ServerDeps {
  adapter: CloudAdapter;
  runTurn: (context: TurnContext) => Promise<void>;
  store: Documents;
  metrics: Metrics;
  log: Logger;
  maxBodyBytes: number;
  /** Whether /api/messages checks Bot Framework tokens (an app id is configured). */
  authenticates: boolean;
}

interface RestifyError extends Error {
  statusCode?: number;
  toJSON?: () => unknown;
}

const PROBLEM_TYPES: Record<number, [type: string, title: string]> = {
  400: ['invalid-request', 'Invalid JSON'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  413: ['too-large', 'Body too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
};

function restifyErrorDetail(status: number, maxBodyBytes: number): string {
  switch (status) {
    case 400:
      return 'The body is not valid JSON.';
    case 404:
      return 'There is no such endpoint; see /api/v1/openapi.json.';
    case 405:
      return 'This endpoint does not take that method; see /api/v1/openapi.json.';
    case 413:
      return `The body is larger than ${maxBodyBytes} bytes.`;
    default:
      return 'The request could not be handled.';
  }
}

export interface DealbotServer {
  server: restify.Server;
  /** Stops taking requests and resolves once the turns in flight have finished. */
  drain(): Promise<void>;
}

const TURN_KINDS = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event']);
/** The activity's type as a metric label: only the known ones, so a caller cannot mint new series. */
function turnKind(body: unknown): string {
  const type = (body as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' && TURN_KINDS.has(type) ? type : 'other';
}

export function createServer(deps: ServerDeps): DealbotServer {
  const server = restify.createServer({
    name: 'dealbot',
    handleUncaughtExceptions: false,
    formatters: { [PROBLEM_JSON]: (_req, _res, body) => JSON.stringify(body) },
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false, mapFiles: false }));
  // restify's own refusals (body not JSON, too large, no such route) become problem+json under /api/v1.
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: RestifyError, callback: () => void) => {
    if (req.getPath().startsWith('/api/v1/')) {
      const status = err.statusCode ?? 500;
      const [type, title] = PROBLEM_TYPES[status] ?? ['error', 'Error'];
      const body = problem(status, type, title, restifyErrorDetail(status, deps.maxBodyBytes));
      err.toJSON = () => body;
      res.header('content-type', PROBLEM_JSON);
    }
    callback();
  });

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
      // botbuilder answers 401 to most bad tokens but 500 to some (a bad signature, "alg": "none"), which
      // its token library reports as plain errors, and throws on a body that is no activity at all. A
      // failure before any turn started is the request's fault: 401 when tokens are checked, else 400.
      let turnStarted = false;
      const refusal = deps.authenticates ? 401 : 400;
      const status = res.status.bind(res);
      res.status = (code: number) => {
        if (code === 500 && !turnStarted) {
          deps.log.warn({ status: refusal }, 'activity refused before its turn: not authenticated, or not an activity');
          return status(refusal);
        }
        return status(code);
      };
      const kind = turnKind(req.body);
      const timer = deps.metrics.turnSeconds.startTimer({ kind });
      let outcome = 'ok';
      try {
        await deps.adapter.process(req, res, async (context) => {
          turnStarted = true;
          try {
            await deps.runTurn(context);
          } catch (error) {
            outcome = 'error';
            throw error;
          }
        });
      } catch (error) {
        if (turnStarted || res.headersSent) throw error;
        deps.log.warn({ reason: (error as Error).message?.slice(0, 200) }, 'activity refused: not a Bot Framework activity');
        res.send(400, { error: 'not a Bot Framework activity' });
      } finally {
        if (!turnStarted) outcome = 'refused';
        deps.metrics.turns.inc({ kind, outcome });
        timer();
      }
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  });

  registerLegalPages(server);

  server.get('/metrics', async (_req, res) => {
    const text = await deps.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
    res.end(text);
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

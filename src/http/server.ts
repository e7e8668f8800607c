import { trace } from '@opentelemetry/api';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import restify from 'restify';
import { processActivity } from '../../bot/app.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { FileLinks } from '../services/file-links.js';
import type { Documents } from '../store/documents.js';
import { unfinishedTransfer } from '../store/transfer.js';
import { PROBLEM_JSON, problem, sendProblem } from './api/problem.js';
import { jsonBodies } from './body.js';
import { type ConnectionLimits, limitConnections } from './connections.js';
import { registerDealLinkPage } from './deal-link-page.js';
import { registerFileRoute } from './file-route.js';
import { registerLegalPages } from './legal-pages.js';

export interface ServerDeps {
  adapter: CloudAdapter;
  /** Links to deals' files (GET /files/<token>); the echo bot of the benchmarks has none. */
  fileLinks?: FileLinks;
  runTurn: (context: TurnContext) => Promise<void>;
  store: Documents;
  metrics: Metrics;
  log: Logger;
  maxBodyBytes: number;
  limits: ConnectionLimits & { drainTimeoutMs: number };
  /** Whether /api/messages checks Bot Framework tokens (an app id is configured). */
  authenticates: boolean;
  /** The bot's app id, for the Teams link a deal link's page gives; empty in local development. */
  botAppId: string;
}

interface RestifyError extends Error {
  statusCode?: number;
  toJSON?: () => unknown;
}

const PROBLEM_TYPES: Record<number, [type: string, title: string, detail: string]> = {
  404: ['not-found', 'Not found', 'There is no such endpoint; see /api/v1/openapi.json.'],
  405: ['method-not-allowed', 'Method not allowed', 'This endpoint does not take that method; see /api/v1/openapi.json.'],
};

export interface DealbotServer {
  server: restify.Server;
  /**
   * Answers new requests 503 (Retry-After) while the requests in flight finish, at most the drain
   * timeout, then closes the listener and every connection left.
   */
  drain(): Promise<void>;
}

/** Requests being served, so a shutdown can wait for them and refuse the rest meanwhile. */
function requestGate(log: Logger) {
  let inFlight = 0;
  let idle: (() => void) | undefined;
  let draining = false;
  const handler = (req: restify.Request, res: restify.Response, next: restify.Next) => {
    // A load balancer still asks whether the process lives while it drains; everything else is turned away.
    if (draining && req.getPath() !== '/healthz') {
      res.header('connection', 'close');
      sendProblem(res, problem(503, 'shutting-down', 'Shutting down', 'This instance is shutting down; try again in a moment.'), {
        'Retry-After': '5',
      });
      return next(false);
    }
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    next();
  };
  return {
    handler,
    get draining() {
      return draining;
    },
    async drain(timeoutMs: number) {
      draining = true;
      if (inFlight === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const finished = new Promise<void>((resolve) => (idle = resolve));
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      if ((await Promise.race([finished, timedOut])) === 'timeout')
        log.warn({ inFlight }, 'drain timed out; closing connections with requests still in flight');
      clearTimeout(timer);
    },
  };
}

/**
 * The traced request (when telemetry runs) named by its route, as Application Insights lists requests:
 * "POST /api/messages", "GET /api/v1/deals/:id", never the raw path with its ids.
 */
function nameTheRequestSpan(req: restify.Request, _res: restify.Response, next: restify.Next): void {
  const span = trace.getActiveSpan();
  const route = req.getRoute()?.path;
  if (span && route) {
    span.setAttribute('http.route', String(route));
    span.updateName(`${req.method} ${String(route)}`);
  }
  next();
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
    // find-my-way's default (100 characters) answers "no such endpoint" for a person id the API allows (254,
    // and longer once percent-encoded); the schemas bound each parameter, this only lets it reach them.
    ...({ maxParamLength: 1024 } as object),
  });
  const gate = requestGate(deps.log);
  server.pre(limitConnections(server.server, deps.limits, deps.log));
  server.pre(gate.handler);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(nameTheRequestSpan);
  server.use(jsonBodies(deps.maxBodyBytes));
  // restify's own refusals (no such route, wrong method) become problem+json under /api/v1.
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: RestifyError, callback: () => void) => {
    if (req.getPath().startsWith('/api/v1/')) {
      const status = err.statusCode ?? 500;
      const [type, title, detail] = PROBLEM_TYPES[status] ?? ['error', 'Error', 'The request could not be handled.'];
      const body = problem(status, type, title, detail);
      err.toJSON = () => body;
      res.header('content-type', PROBLEM_JSON);
    }
    callback();
  });

  server.post('/api/messages', async (req, res) => {
    const kind = turnKind(req.body);
    const timer = deps.metrics.turnSeconds.startTimer({ kind });
    let turnStarted = false;
    let outcome = 'ok';
    // Before a turn starts, whatever the adapter writes is a refusal, and it writes its reasons in the
    // body (a network error's text, say). Hold it back and answer with our own.
    const writes = { status: res.status, send: res.send, end: res.end };
    let refusedWith: number | undefined;
    res.status = (code: number) => {
      if (turnStarted) return writes.status.call(res, code);
      refusedWith = code;
      return code;
    };
    res.send = ((...args: Parameters<restify.Response['send']>) =>
      turnStarted ? writes.send.apply(res, args) : undefined) as restify.Response['send'];
    res.end = ((...args: unknown[]) => (turnStarted ? writes.end.apply(res, args as never) : res)) as restify.Response['end'];
    try {
      const { signingKeysUnreachable } = await processActivity(deps.adapter, req, res, async (context) => {
        turnStarted = true;
        try {
          await deps.runTurn(context);
        } catch (error) {
          outcome = 'error';
          throw error;
        }
      });
      if (!turnStarted) {
        Object.assign(res, writes);
        outcome = 'refused';
        answerRefusal(res, deps, refusedWith, signingKeysUnreachable);
      }
    } catch (error) {
      Object.assign(res, writes);
      if (turnStarted || res.headersSent) throw error;
      outcome = 'refused';
      deps.log.warn({ reason: (error as Error).message?.slice(0, 200) }, 'activity refused: not a Bot Framework activity');
      sendProblem(res, problem(400, 'invalid-request', 'Not an activity', 'The body is not a Bot Framework activity.'));
    } finally {
      deps.metrics.turns.inc({ kind, outcome });
      timer();
    }
  });

  registerLegalPages(server);
  registerDealLinkPage(server, deps.botAppId);
  if (deps.fileLinks) registerFileRoute(server, deps.fileLinks);

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  let halfWritten: string | undefined;
  server.get('/readyz', async (_req, res) => {
    try {
      await deps.store.ping();
      const unfinished = await unfinishedTransfer(deps.store);
      const said = unfinished && `${unfinished.source ?? 'an unknown source'} ${unfinished.startedAt}`;
      if (said !== halfWritten && unfinished) {
        deps.log.error(
          { transfer: unfinished },
          'the store holds an unfinished copy or restore: finish it with npm run store before this bot serves (readyz answers 503 until then)',
        );
      }
      halfWritten = said;
      if (unfinished) {
        res.header('Retry-After', '30');
        res.send(503, { status: 'not ready', store: 'unfinished copy or restore' });
        return;
      }
      // Draining may have begun after this request passed the gate: answered as the gate answers.
      if (gate.draining) res.header('Retry-After', '5');
      res.send(gate.draining ? 503 : 200, { status: gate.draining ? 'draining' : 'ready', store: 'ok' });
    } catch (error) {
      deps.log.warn({ err: (error as Error).message }, 'store not answering');
      res.header('Retry-After', '2');
      res.send(503, { status: 'not ready', store: 'unreachable' });
    }
  });

  return {
    server,
    async drain() {
      await gate.drain(deps.limits.drainTimeoutMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * The answer to an activity refused before its turn. botbuilder answers 401 to most bad tokens, 500 to some
 * (a bad signature, "alg": "none") and 400 to a body that is no activity: all the request's fault, so 401
 * where tokens are checked, else 400. Signing keys that could not be fetched are our side's trouble: 503,
 * so Bot Framework tries again rather than taking the bot for one that refuses.
 */
function answerRefusal(
  res: restify.Response,
  deps: ServerDeps,
  status: number | undefined,
  signingKeysUnreachable: string | undefined,
): void {
  if (signingKeysUnreachable) {
    deps.log.error(
      { reason: signingKeysUnreachable.slice(0, 300) },
      "activity not served: Bot Framework's signing keys could not be fetched",
    );
    const detail = 'The bot cannot check the request just now; try again in a moment.';
    sendProblem(res, problem(503, 'authentication-unavailable', 'Temporarily unavailable', detail), { 'Retry-After': '10' });
    return;
  }
  const refusal = deps.authenticates ? 401 : 400;
  deps.log.warn({ status: refusal, sdkStatus: status }, 'activity refused before its turn: not authenticated, or not an activity');
  if (refusal === 401)
    sendProblem(res, problem(401, 'unauthorized', 'Unauthorized', 'Only Bot Framework traffic with a valid token is served here.'));
  else sendProblem(res, problem(400, 'invalid-request', 'Not an activity', 'The body is not a Bot Framework activity.'));
}

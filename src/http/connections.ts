import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import proxyaddr from 'proxy-addr';
import type { Next, Request, Response } from 'restify';
import type { Logger } from '../log.js';
import { problem } from './api/problem.js';
import { clientGroupOf } from './client-address.js';

export interface ConnectionLimits {
  /** Open connections at once; one more is answered 503 and closed. */
  maxConnections: number;
  /** Open connections at once from one client (an IPv4 address, an IPv6 /64), unless it is a trusted proxy. */
  maxConnectionsPerClient: number;
  /** Proxies (TRUST_PROXY): each fronts many clients, so the per-client cap does not apply to them. */
  trustProxy: readonly string[];
  /** How long a new connection may take to send its first request's headers. */
  headersTimeoutMs: number;
  /** How long a request may take to arrive whole, body included. */
  requestTimeoutMs: number;
}

const REFUSAL_BODY = JSON.stringify(
  problem(
    503,
    'too-many-connections',
    'Too many connections',
    'The server has as many connections open as it serves at once; try again in a moment.',
  ),
);
const PER_CLIENT_BODY = JSON.stringify(
  problem(
    503,
    'too-many-connections',
    'Too many connections from your address',
    'Your address has as many connections open as one client may; close some, or reuse them (keep-alive), then try again.',
  ),
);
const refusal = (body: string) =>
  'HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\nretry-after: 1\r\nconnection: close\r\n' +
  `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const REFUSAL = refusal(REFUSAL_BODY);
const PER_CLIENT_REFUSAL = refusal(PER_CLIENT_BODY);

const firstHeaders = new WeakMap<Socket, NodeJS.Timeout>();
const refused = new WeakSet<Socket>();

/**
 * Keeps slow or numerous clients from starving the rest: a cap on open connections, and a smaller one per
 * client (so one address trickling connections cannot hold them all, and health probes still get in), each
 * with a clear 503 past it, and a deadline for a new connection's first headers. Node's own header and
 * request timeouts cover later requests on a kept-alive connection, but it checks them only every 30 s, so
 * a connection that never sends a request is timed here, to the millisecond.
 *
 * A refused connection is answered at once and closed within a second, so it holds no file descriptor for
 * long. Node parses whatever request arrives on it all the same; the returned pre-handler drops it
 * before any route runs.
 */
export function limitConnections(server: HttpServer, limits: ConnectionLimits, log: Logger) {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  let open = 0;
  let refusedSinceLog = 0;
  const trusted = proxyaddr.compile([...limits.trustProxy]);
  const byClient = new Map<string, number>();
  const refuse = (socket: Socket, answer: string) => {
    refused.add(socket);
    // Whatever the client sends meanwhile is read and dropped, so it gets the answer and not a reset.
    socket.on('error', () => {});
    socket.resume();
    socket.end(answer);
    setTimeout(() => socket.destroy(), 1000).unref();
  };
  server.prependListener('connection', (socket: Socket) => {
    if (open >= limits.maxConnections) {
      if (refusedSinceLog++ === 0) log.warn({ open, max: limits.maxConnections }, 'connection refused: too many open connections');
      refuse(socket, REFUSAL);
      return;
    }
    const peer = socket.remoteAddress ?? 'unknown';
    const client = trusted(peer, 0) ? undefined : clientGroupOf(peer);
    const fromClient = client === undefined ? 0 : (byClient.get(client) ?? 0);
    if (client !== undefined && fromClient >= limits.maxConnectionsPerClient) {
      if (fromClient === limits.maxConnectionsPerClient) {
        log.warn({ client, max: limits.maxConnectionsPerClient }, 'connection refused: too many open connections from one client');
      }
      byClient.set(client, fromClient + 1); // counted while refused too, so the warning is said once per burst
      socket.once('close', () => release(client));
      refuse(socket, PER_CLIENT_REFUSAL);
      return;
    }
    open++;
    if (client !== undefined) byClient.set(client, fromClient + 1);
    socket.once('close', () => {
      open--;
      if (client !== undefined) release(client);
      if (open < limits.maxConnections) refusedSinceLog = 0;
    });
    const timer = setTimeout(() => socket.destroy(), limits.headersTimeoutMs);
    timer.unref();
    firstHeaders.set(socket, timer);
  });
  function release(client: string): void {
    const left = (byClient.get(client) ?? 1) - 1;
    if (left <= 0) byClient.delete(client);
    else byClient.set(client, left);
  }
  server.prependListener('request', (req: IncomingMessage) => {
    const timer = firstHeaders.get(req.socket);
    if (timer) {
      clearTimeout(timer);
      firstHeaders.delete(req.socket);
    }
  });
  return (req: Request, _res: Response, next: Next) => (refused.has(req.socket) ? next(false) : next());
}

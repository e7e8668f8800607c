import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Next, Request, Response } from 'restify';
import type { Logger } from '../log.js';
import { problem } from './api/problem.js';

export interface ConnectionLimits {
  /** Open connections at once; one more is answered 503 and closed. */
  maxConnections: number;
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
const REFUSAL =
  'HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\nretry-after: 1\r\nconnection: close\r\n' +
  `content-length: ${Buffer.byteLength(REFUSAL_BODY)}\r\n\r\n${REFUSAL_BODY}`;

const firstHeaders = new WeakMap<Socket, NodeJS.Timeout>();
const refused = new WeakSet<Socket>();

/**
 * Keeps slow or numerous clients from starving the rest: a cap on open connections with a clear 503 past
 * it, and a deadline for a new connection's first headers. Node's own header and request timeouts cover
 * later requests on a kept-alive connection, but it checks them only every 30 s, so a connection that
 * never sends a request is timed here, to the millisecond.
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
  server.prependListener('connection', (socket: Socket) => {
    if (open >= limits.maxConnections) {
      refused.add(socket);
      if (refusedSinceLog++ === 0) log.warn({ open, max: limits.maxConnections }, 'connection refused: too many open connections');
      // Whatever the client sends meanwhile is read and dropped, so it gets the answer and not a reset.
      socket.on('error', () => {});
      socket.resume();
      socket.end(REFUSAL);
      setTimeout(() => socket.destroy(), 1000).unref();
      return;
    }
    open++;
    socket.once('close', () => {
      open--;
      if (open < limits.maxConnections) refusedSinceLog = 0;
    });
    const timer = setTimeout(() => socket.destroy(), limits.headersTimeoutMs);
    timer.unref();
    firstHeaders.set(socket, timer);
  });
  server.prependListener('request', (req: IncomingMessage) => {
    const timer = firstHeaders.get(req.socket);
    if (timer) {
      clearTimeout(timer);
      firstHeaders.delete(req.socket);
    }
  });
  return (req: Request, _res: Response, next: Next) => (refused.has(req.socket) ? next(false) : next());
}

import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The address of the client a request came from: the peer itself, or, when the peer is a trusted proxy
 * (TRUST_PROXY), the nearest address in X-Forwarded-For that is not one. X-Forwarded-For from anyone
 * else is whatever the caller chose to write, and is ignored.
 */
export function clientAddressOf(trustProxy: readonly string[]): (req: IncomingMessage) => string {
  const trust = proxyaddr.compile([...trustProxy]);
  return (req) => (req.socket.remoteAddress ? proxyaddr(req, trust) : 'unknown');
}

import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
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

/**
 * Who a client is for limits (connections at once, failed keys): an IPv4 address, or an IPv6 address's /64,
 * which one subscriber is usually given whole: 5,000 addresses of one /64 are one client, not 5,000.
 * An IPv4-mapped IPv6 address is its IPv4 address.
 */
export function clientGroupOf(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}

import { createServer, type Server } from 'node:http';
import type { Metrics } from '../metrics.js';

/**
 * GET /metrics on a listener of its own (METRICS_PORT), never on the public one: what it tells (traffic,
 * outbox depth, failures) is for the operator's scraper, inside their network.
 */
export function createMetricsServer(metrics: Metrics): Server {
  return createServer((req, res) => {
    // Not chained: restify replaces ServerResponse's writeHead process-wide with one that returns nothing.
    const answer = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics')
      return answer(404, 'text/plain', 'Only GET /metrics is served here.\n');
    metrics.registry.metrics().then(
      (text) => answer(200, metrics.registry.contentType, text),
      () => answer(500, 'text/plain', 'Metrics could not be collected; try again.\n'),
    );
  });
}

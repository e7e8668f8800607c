import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Metrics } from '../metrics.js';
import type { Documents, Versioned } from './documents.js';

const tracer = trace.getTracer('dealbot');

/**
 * The store with each operation timed, each conditional write that lost counted as a conflict, and each
 * operation a client span (a dependency in Application Insights), on every backend alike: SQLite has no
 * instrumentation of its own, and one span per operation says what the bot asked, whatever the driver did.
 *
 * A span only inside a request: the outbox worker's, the scanners' and the gauges' reads would otherwise
 * each be a trace of their own, and Application Insights' rate-limited sampling (5 traces a second by
 * default) dropped requests to keep them. Their time and count are still in the store's metrics.
 */
export function measured(docs: Documents, metrics: Metrics, system: string): Documents {
  const time = async <R>(operation: string, run: () => Promise<R>): Promise<R> => {
    const end = metrics.storeSeconds.startTimer({ operation });
    const span = trace.getActiveSpan()
      ? tracer.startSpan(`store ${operation}`, {
          kind: SpanKind.CLIENT,
          attributes: { 'db.system': system, 'db.operation.name': operation },
        })
      : undefined;
    try {
      return await run();
    } catch (error) {
      span?.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span?.end();
      end();
    }
  };
  const conditional = async (operation: string, run: () => Promise<boolean>) => {
    const won = await time(operation, run);
    if (!won) metrics.storeConflicts.inc({ operation });
    return won;
  };
  return {
    clock: docs.clock,
    read: <T>(key: string) => time<Versioned<T> | undefined>('read', () => docs.read<T>(key)),
    readMany: <T>(keys: readonly string[]) => time<(Versioned<T> | undefined)[]>('readMany', () => docs.readMany<T>(keys)),
    insert: (key, value, ttlMs) => conditional('insert', () => docs.insert(key, value, ttlMs)),
    swap: (key, token, value, ttlMs) => conditional('swap', () => docs.swap(key, token, value, ttlMs)),
    removeIf: (key, token) => conditional('removeIf', () => docs.removeIf(key, token)),
    put: (key, value, ttlMs) => time('put', () => docs.put(key, value, ttlMs)),
    remove: (key) => time('remove', () => docs.remove(key)),
    ping: () => docs.ping(),
    sweepExpired: (prefix) => time('sweepExpired', () => docs.sweepExpired(prefix)),
    scan: (pageSize) => docs.scan(pageSize),
    putRaw: (row) => time('put', () => docs.putRaw(row)),
    snapshot: docs.snapshot ? (file) => docs.snapshot!(file) : undefined,
    close: () => docs.close(),
  };
}

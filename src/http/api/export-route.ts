import type { Server } from 'restify';
import type { Clock } from '../../clock.js';
import type { Deal } from '../../domain/deal.js';
import { STATUSES } from '../../domain/status.js';
import type { Logger } from '../../log.js';
import type { ReviewService } from '../../services/review-service.js';
import { dealCsv } from './deal-csv.js';
import { type guarded, parse } from './guard.js';
import { problem, sendProblem } from './problem.js';
import { ExportQuery } from './schemas.js';

/**
 * Exports running at once on this instance: a key may run two (a retry beside a slow one), a tenant four.
 * Each reads its tenant a batch at a time; forty at once took the store from the outbox and reminders.
 */
export const EXPORTS_PER_KEY = 2;
export const EXPORTS_PER_TENANT = 4;

/** Counts what runs, by key and by tenant; `take` says whether one more may start. */
class Running {
  private readonly counts = new Map<string, number>();
  take(keys: readonly string[], limits: readonly number[]): boolean {
    if (keys.some((key, i) => (this.counts.get(key) ?? 0) >= limits[i]!)) return false;
    for (const key of keys) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return true;
  }
  release(keys: readonly string[]): void {
    for (const key of keys) {
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left <= 0) this.counts.delete(key);
      else this.counts.set(key, left);
    }
  }
}

/**
 * GET /api/v1/deals/export: the tenant's registered deals as CSV, streamed. Every export ends in the audit
 * log as complete, aborted by the client, or failed; one that fails after its first row has been sent
 * cannot change its status, so its connection is cut (the client sees an incomplete body, never a
 * truncated file that looks whole).
 */
export function registerExportRoute(
  server: Server,
  guard: ReturnType<typeof guarded>,
  deps: { reviews: ReviewService; log: Logger; clock: Clock },
): void {
  const running = new Running();
  server.get(
    '/api/v1/deals/export',
    guard(['reviewer'], async (req, res, caller) => {
      const query = parse(ExportQuery, req.query ?? {}, 'query', res);
      if (!query) return;
      const slots = [`key:${caller.keyId}`, `tenant:${caller.tenantId}`];
      if (!running.take(slots, [EXPORTS_PER_KEY, EXPORTS_PER_TENANT])) {
        const detail = `At most ${EXPORTS_PER_KEY} exports per key and ${EXPORTS_PER_TENANT} per tenant run at once; wait for one to finish, then try again.`;
        return sendProblem(res, problem(429, 'too-many-exports', 'Too many exports at once', detail), { 'Retry-After': '10' });
      }
      const statuses = query.status ?? STATUSES;
      const inRange = (d: Deal) =>
        (!query.from || d.updatedAt.slice(0, 10) >= query.from) && (!query.to || d.updatedAt.slice(0, 10) <= query.to);
      const csv = dealCsv();
      let rows = 0;
      let outcome: 'complete' | 'aborted' | 'failed' = 'complete';
      const gone = new Promise<void>((resolve) => res.once('close', resolve));
      let clientGone = false;
      void gone.then(() => {
        clientGone = !res.writableFinished;
        if (clientGone) csv.stream.destroy();
      });
      // The answer starts with the first batch read: a store away before then is a plain 503, with Retry-After.
      let started = false;
      const start = () => {
        if (started) return;
        started = true;
        res.writeHead(200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="deals-${deps.clock().toISOString().slice(0, 10)}.csv"`,
        });
        csv.stream.pipe(res);
      };
      try {
        exporting: for await (const deals of deps.reviews.exportDeals(caller.tenantId, statuses)) {
          start();
          for (const deal of deals.filter(inRange)) {
            if (clientGone) break exporting;
            // A client that leaves destroys the CSV stream (below), which ends a write waiting for room.
            await csv.write(deal);
            if (clientGone) break exporting; // the row went nowhere
            rows++;
          }
        }
        start();
        if (clientGone) outcome = 'aborted';
        else csv.end();
      } catch (error) {
        outcome = clientGone ? 'aborted' : 'failed';
        csv.stream.destroy();
        if (!started) throw error; // answered by the guard: 503 for a store away, as every route
        deps.log.error(
          { err: (error as Error).message, keyId: caller.keyId, rows },
          'the deals export failed part way: its connection is cut',
        );
        res.destroy(error as Error);
      } finally {
        running.release(slots);
        deps.log.info({ keyId: caller.keyId, statuses, from: query.from, to: query.to, rows, outcome }, `deals export ${outcome}`);
      }
    }),
  );
}

import type { Server } from 'restify';
import type { Clock } from '../../clock.js';
import type { DealFile } from '../../domain/deal-file.js';
import type { Decision } from '../../domain/review.js';
import type { Logger } from '../../log.js';
import type { FileLinks } from '../../services/file-links.js';
import type { OwnerReach } from '../../services/owner-reach.js';
import type { ReviewService } from '../../services/review-service.js';
import { dealView, decodeCursor, encodeCursor, etagOf } from './deal-view.js';
import { type guarded, jsonBody, parse, sendRefusal } from './guard.js';
import { strongTagsOf } from './if-match.js';
import { problem, sendProblem } from './problem.js';
import { DealIdParams, DecisionBody, QueueQuery } from './schemas.js';

const DECISIONS: [string, Decision][] = [
  ['approve', 'approve'],
  ['decline', 'decline'],
  ['request-update', 'requestUpdate'],
];

/** Our ETags: a deal's version in decimal, as etagOf writes it. */
const VERSION_TAG = /^(?:0|[1-9]\d{0,11})$/;

/**
 * The versions If-Match names (strongTagsOf): another spelling ("03") matches no version, and the decision
 * fails its precondition (412). Undefined: any version.
 */
export function versionsOf(ifMatch: string): number[] | undefined | 'invalid' {
  const tags = strongTagsOf(ifMatch);
  if (tags === undefined || tags === 'invalid') return tags;
  return tags.filter((tag) => VERSION_TAG.test(tag)).map(Number);
}

/** The deal desk's queue, one deal, and decisions. */
export function registerDealRoutes(
  server: Server,
  guard: ReturnType<typeof guarded>,
  deps: { reviews: ReviewService; reach: OwnerReach; fileLinks?: FileLinks; log: Logger; clock: Clock },
): void {
  /** Links to files for this caller, once the signing key is read (until then, files are listed without). */
  const fileLinks = async () => (deps.fileLinks && (await deps.fileLinks.ready()) ? deps.fileLinks : undefined);
  server.get(
    '/api/v1/deals',
    guard(['reviewer'], async (req, res, caller) => {
      const query = parse(QueueQuery, req.query ?? {}, 'query', res);
      if (!query) return;
      const older = query.cursor ? decodeCursor(query.cursor) : undefined;
      if (query.cursor && !older) {
        const errors = { cursor: 'not a cursor this API gave' };
        return sendProblem(
          res,
          problem(400, 'invalid-request', 'Invalid cursor', 'Use the "next" value of the previous page as given.', { errors }),
        );
      }
      const page = await deps.reviews.queue(caller.tenantId, query.status, { older, limit: query.limit });
      const links = await fileLinks();
      res.send(200, {
        deals: page.deals.map((d) => dealView(d, undefined, undefined, links && ((file) => links.linkFor(caller, d, file)))),
        next: page.hasOlder && page.olderCursor ? encodeCursor(page.olderCursor) : undefined,
      });
    }),
  );

  server.get(
    '/api/v1/stats',
    guard(['reviewer'], async (_req, res, caller) => {
      const { waiting, oldestWaitSeconds, decided, medianSeconds, p90Seconds } = await deps.reviews.stats(caller.tenantId);
      res.send(200, { waiting, oldestWaitSeconds, last30Days: { decided, medianSeconds, p90Seconds } });
    }),
  );

  server.get(
    '/api/v1/deals/:id',
    guard(['reviewer'], async (req, res, caller) => {
      const params = parse(DealIdParams, req.params, 'path', res);
      if (!params) return;
      const found = await deps.reviews.get(caller.tenantId, params.id);
      if (!found.ok) return sendRefusal(res, found.refusal);
      const deal = found.value;
      res.header('ETag', etagOf(deal));
      const reachable = await deps.reach.reachable(caller.tenantId, deal.ownerId);
      const links = await fileLinks();
      const fileLink = links && ((file: DealFile) => links.linkFor(caller, deal, file));
      res.send(200, dealView(deal, await deps.reviews.duplicatesOf(deal), reachable, fileLink));
    }),
  );

  for (const [path, decision] of DECISIONS) {
    server.post(
      `/api/v1/deals/:id/${path}`,
      guard(['reviewer'], async (req, res, caller) => {
        const params = parse(DealIdParams, req.params, 'path', res);
        if (!params) return;
        const body = jsonBody(DecisionBody, req, res);
        if (!body) return;
        const ifMatch = req.header('if-match');
        if (!ifMatch) {
          const detail = 'Send If-Match with the ETag of the deal you read, so two reviewers cannot decide at once.';
          return sendProblem(res, problem(428, 'precondition-required', 'If-Match required', detail));
        }
        const expectedVersions = versionsOf(ifMatch);
        if (expectedVersions === 'invalid') {
          return sendProblem(
            res,
            problem(400, 'invalid-request', 'Invalid If-Match', 'If-Match must be the ETag the deal was read with, e.g. "3", or *.'),
          );
        }
        const { outcome: decided } = await deps.reviews.decide(caller, params.id, { decision, ...body, expectedVersions });
        if (!decided.ok) return sendRefusal(res, decided.refusal);
        const deal = decided.value;
        deps.log.info({ dealId: deal.id, decision, keyId: caller.keyId }, 'deal decided over the API');
        res.header('ETag', etagOf(deal));
        res.send(200, dealView(deal));
      }),
    );
  }
}

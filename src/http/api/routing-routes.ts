import type { Response, Server } from 'restify';
import { type Desk, rulesTag } from '../../domain/desk.js';
import type { Logger } from '../../log.js';
import type { ReviewDesk } from '../../services/review-desk.js';
import { type guarded, jsonBody } from './guard.js';
import { strongTagsOf } from './if-match.js';
import { problem, sendProblem } from './problem.js';
import { RoutingBody } from './schemas.js';

function routingView(desk: Desk) {
  return {
    rules: desk.rules,
    conversations: desk.conversations.map((c) => ({
      name: c.name,
      conversationType: c.reference.conversationType,
      claimedAt: c.claimedAt,
      reachable: !c.gone,
    })),
  };
}

/** The tenant's routing rules: which review conversation gets which deals, and which need two approvals. */
export function registerRoutingRoutes(server: Server, guard: ReturnType<typeof guarded>, deps: { desk: ReviewDesk; log: Logger }): void {
  const sendRouting = (res: Response, desk: Desk) => {
    res.header('ETag', `"${rulesTag(desk.rules)}"`);
    res.send(200, routingView(desk));
  };

  server.get(
    '/api/v1/routing',
    guard(['reviewer'], async (_req, res, caller) => {
      sendRouting(res, await deps.desk.get(caller.tenantId));
    }),
  );

  server.put(
    '/api/v1/routing',
    guard(['reviewer'], async (req, res, caller) => {
      const body = jsonBody(RoutingBody, req, res);
      if (!body) return;
      // If-Match, when sent, must name the rules as they are: two reviewers editing at once cannot both win.
      const ifMatch = req.header('if-match');
      const expected = ifMatch === undefined ? undefined : strongTagsOf(ifMatch);
      if (expected === 'invalid') {
        const detail = 'If-Match must be the ETag GET /api/v1/routing gave, e.g. "3f2a9c…", or *.';
        return sendProblem(res, problem(400, 'invalid-request', 'Invalid If-Match', detail));
      }
      const changed = await deps.desk.setRules(caller.tenantId, body.rules, expected);
      if (!changed.ok && 'changedSince' in changed) {
        const detail = 'The routing rules changed since you read them: GET /api/v1/routing again, then send your change with its ETag.';
        res.header('ETag', `"${changed.current}"`);
        return sendProblem(res, problem(412, 'precondition-failed', 'Changed since read', detail));
      }
      if (!changed.ok) {
        const names = changed.unclaimed.map((n) => `"${n}"`).join(', ');
        const detail = `No review conversation is claimed as ${names}: a reviewer says "use this channel for reviews as ${changed.unclaimed[0]}" in it first, or the rule names one of the conversations GET /api/v1/routing lists.`;
        const errors = Object.fromEntries(
          body.rules.flatMap((r, i) =>
            changed.unclaimed.includes(r.conversation) ? [[`rules.${i}.conversation`, 'no conversation is claimed under this name']] : [],
          ),
        );
        return sendProblem(res, problem(400, 'invalid-request', 'Unknown review conversation', detail, { errors }));
      }
      deps.log.info({ keyId: caller.keyId, rules: body.rules.length }, 'routing rules replaced');
      sendRouting(res, await deps.desk.get(caller.tenantId));
    }),
  );
}

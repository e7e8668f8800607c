import type { Server } from 'restify';
import type { Desk } from '../../domain/desk.js';
import type { Logger } from '../../log.js';
import type { ReviewDesk } from '../../services/review-desk.js';
import { type guarded, jsonBody } from './guard.js';
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
  server.get(
    '/api/v1/routing',
    guard(['reviewer'], async (_req, res, caller) => {
      res.send(200, routingView(await deps.desk.get(caller.tenantId)));
    }),
  );

  server.put(
    '/api/v1/routing',
    guard(['reviewer'], async (req, res, caller) => {
      const body = jsonBody(RoutingBody, req, res);
      if (!body) return;
      const changed = await deps.desk.setRules(caller.tenantId, body.rules);
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
      res.send(200, routingView(await deps.desk.get(caller.tenantId)));
    }),
  );
}

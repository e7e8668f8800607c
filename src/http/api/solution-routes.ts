import type { Server } from 'restify';
import type { SolutionCatalogue } from '../../services/catalogue.js';
import { type guarded, jsonBody } from './guard.js';
import { problem, sendProblem } from './problem.js';
import { SolutionsBody } from './schemas.js';

/** The tenant's solution catalogue: the deal desk or an integration keeps it. */
export function registerSolutionRoutes(server: Server, guard: ReturnType<typeof guarded>, catalogue: SolutionCatalogue): void {
  server.get(
    '/api/v1/solutions',
    guard(['reviewer', 'integration'], async (_req, res, caller) => {
      res.send(200, { solutions: await catalogue.list(caller.tenantId) });
    }),
  );

  server.put(
    '/api/v1/solutions',
    guard(['reviewer', 'integration'], async (req, res, caller) => {
      const body = jsonBody(SolutionsBody, req, res);
      if (!body) return;
      const ids = body.solutions.map((s) => s.id);
      if (new Set(ids).size !== ids.length) {
        const errors = { solutions: 'ids must be unique' };
        return sendProblem(res, problem(400, 'invalid-request', 'Duplicate solution ids', 'Each solution id may appear once.', { errors }));
      }
      await catalogue.replace(caller.tenantId, body.solutions);
      res.send(200, { solutions: body.solutions });
    }),
  );
}

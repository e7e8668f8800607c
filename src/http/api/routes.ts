import type { Server } from 'restify';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../log.js';
import type { SolutionCatalogue } from '../../services/catalogue.js';
import type { FileLinks } from '../../services/file-links.js';
import type { OwnerReach } from '../../services/owner-reach.js';
import type { PeopleService } from '../../services/people-service.js';
import type { ReferralService } from '../../services/referral-service.js';
import type { ReviewDesk } from '../../services/review-desk.js';
import type { ReviewService } from '../../services/review-service.js';
import type { FailedAuthLockout } from '../../store/failed-auth-lockout.js';
import type { ApiKeys } from './auth.js';
import { registerDealRoutes } from './deal-routes.js';
import { registerExportRoute } from './export-route.js';
import { type GuardDeps, guarded } from './guard.js';
import { registerPeopleRoutes } from './people-routes.js';
import { registerReferralRoutes } from './referral-routes.js';
import { registerRoutingRoutes } from './routing-routes.js';
import { registerSolutionRoutes } from './solution-routes.js';

export interface ApiDeps {
  keys: ApiKeys;
  lockout: FailedAuthLockout;
  clientAddress: GuardDeps['clientAddress'];
  reviews: ReviewService;
  desk: ReviewDesk;
  referrals: ReferralService;
  catalogue: SolutionCatalogue;
  reach: OwnerReach;
  people: PeopleService;
  /** Links to deals' files for the caller (a deal's `files[].url`). */
  fileLinks?: FileLinks;
  log: Logger;
  clock: Clock;
  openapi: () => object;
}

/** Everything under /api/v1. */
export function registerApiRoutes(server: Server, deps: ApiDeps): void {
  const guard = guarded(deps);
  server.get('/api/v1/openapi.json', async (_req, res) => {
    res.send(200, deps.openapi());
  });
  // Before the deal routes: /deals/export is a path of its own, not a deal called "export".
  registerExportRoute(server, guard, deps);
  registerDealRoutes(server, guard, deps);
  registerReferralRoutes(server, guard, deps);
  registerSolutionRoutes(server, guard, deps.catalogue);
  registerRoutingRoutes(server, guard, deps);
  registerPeopleRoutes(server, guard, deps);
}

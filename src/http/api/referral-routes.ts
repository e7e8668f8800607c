import type { Server } from 'restify';
import type { Logger } from '../../log.js';
import type { ReferralService } from '../../services/referral-service.js';
import { dealView, etagOf } from './deal-view.js';
import { type guarded, jsonBody } from './guard.js';
import { ReferralBody } from './schemas.js';

/** An integration reports a referral marked Won. */
export function registerReferralRoutes(
  server: Server,
  guard: ReturnType<typeof guarded>,
  deps: { referrals: ReferralService; log: Logger },
): void {
  server.post(
    '/api/v1/referrals',
    guard(['integration'], async (req, res, caller) => {
      const body = jsonBody(ReferralBody, req, res);
      if (!body) return;
      const { deal, created } = await deps.referrals.report(caller.tenantId, body, caller.keyId);
      deps.log.info({ dealId: deal.id, created, keyId: caller.keyId }, 'referral reported won');
      res.header('Location', `/api/v1/deals/${deal.id}`);
      res.header('ETag', etagOf(deal));
      res.send(created ? 201 : 200, dealView(deal));
    }),
  );
}

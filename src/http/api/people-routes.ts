import type { Server } from 'restify';
import type { Logger } from '../../log.js';
import type { PeopleService } from '../../services/people-service.js';
import { dealView } from './deal-view.js';
import { type guarded, parse } from './guard.js';
import { PersonParams } from './schemas.js';

/** A data subject's requests, for the tenant's admin key: see everything kept about a person, erase it. */
export function registerPeopleRoutes(
  server: Server,
  guard: ReturnType<typeof guarded>,
  deps: { people: PeopleService; log: Logger },
): void {
  server.get(
    '/api/v1/people/:person/data',
    guard(['admin'], async (req, res, caller) => {
      const params = parse(PersonParams, req.params, 'path', res);
      if (!params) return;
      const person = await deps.people.resolve(caller.tenantId, params.person);
      const data = await deps.people.dataOf(caller.tenantId, person);
      deps.log.info(
        {
          keyId: caller.keyId,
          subject: await deps.people.auditSubject(caller.tenantId, req.params.person),
          deals: data.ownedDeals.length + data.contactInDeals.length,
        },
        "a person's data was exported",
      );
      res.send(200, {
        ...data,
        ownedDeals: data.ownedDeals.map((d) => dealView(d)),
        contactInDeals: data.contactInDeals.map((d) => dealView(d)),
      });
    }),
  );

  server.post(
    '/api/v1/people/:person/erase',
    guard(['admin'], async (req, res, caller) => {
      const params = parse(PersonParams, req.params, 'path', res);
      if (!params) return;
      const person = await deps.people.resolve(caller.tenantId, params.person);
      const report = await deps.people.erase(caller, person);
      deps.log.info(
        { keyId: caller.keyId, subject: await deps.people.auditSubject(caller.tenantId, req.params.person), ...report },
        "a person's data was erased on request",
      );
      res.send(200, report);
    }),
  );
}

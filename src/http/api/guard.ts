import type { Request, Response } from 'restify';
import type { z } from 'zod';
import type { ApiRole } from '../../config.js';
import { DealError } from '../../domain/errors.js';
import type { Logger } from '../../log.js';
import { UnknownOwnerError } from '../../services/referral-service.js';
import type { ApiCaller, ApiKeys } from './auth.js';
import { FailedAuthLockout } from './lockout.js';
import { invalidRequest, type Problem, problem, sendProblem } from './problem.js';

export type ApiHandler = (req: Request, res: Response, caller: ApiCaller) => Promise<void>;

export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string, res: Response): z.output<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  sendProblem(res, invalidRequest(what, result.error));
  return undefined;
}

/** A JSON body: anything else is refused before it is looked at. */
export function jsonBody<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> | undefined {
  if (!req.is('application/json')) {
    sendProblem(res, problem(415, 'unsupported-media-type', 'Not JSON', 'Send the body as JSON with Content-Type: application/json.'));
    return undefined;
  }
  return parse(schema, req.body ?? {}, 'body', res);
}

/** What each refusal of a use case means over HTTP. */
function problemFor(error: DealError): { problem: Problem; headers?: Record<string, string> } {
  const d = error.details;
  switch (error.code) {
    case 'deal.not_found':
      return { problem: problem(404, 'not-found', 'No such deal', 'There is no deal with this id in your tenant.') };
    case 'deal.version_mismatch':
      return {
        problem: problem(412, 'stale', 'The deal changed', 'Someone changed the deal since you read it: GET it again and decide on what it says now.', { currentStatus: d.status }),
        headers: { ETag: `"${d.version}"` },
      };
    case 'deal.transition_not_allowed':
      return {
        problem: problem(409, 'transition-not-allowed', 'Not allowed in this status', `The deal is ${d.status}; only deals in review can be decided.`, { currentStatus: d.status }),
      };
    case 'deal.comment_required':
      return {
        problem: problem(400, 'invalid-request', 'A comment is required', 'Say why in "comment": the seller sees it.', {
          errors: { comment: 'required to decline or to request an update' },
        }),
      };
    default:
      return { problem: problem(409, 'conflict', 'Changed at the same moment', 'The deal was being changed by someone else; try again.') };
  }
}

/** Authenticates the key, checks its role, runs the handler, and answers every failure as problem+json. */
export function guarded(keys: ApiKeys, log: Logger, lockout = new FailedAuthLockout()) {
  return (roles: readonly ApiRole[], handler: ApiHandler) => async (req: Request, res: Response) => {
    // The peer's own address: X-Forwarded-For is whatever the caller chose to write.
    const address = req.socket.remoteAddress ?? 'unknown';
    const waitMs = lockout.lockedFor(address);
    if (waitMs > 0) {
      const detail = 'Too many requests with a missing or wrong API key from your address; wait, then try again with a valid key.';
      return sendProblem(res, problem(429, 'too-many-failures', 'Too many failed attempts', detail), { 'Retry-After': String(Math.ceil(waitMs / 1000)) });
    }
    const auth = keys.authenticate(req.header('authorization'));
    if (!auth.ok) {
      lockout.failed(address);
      log.warn({ address, reason: auth.reason }, 'API request refused: no valid key');
      const detail = auth.reason === 'missing' ? 'Send an API key as "Authorization: Bearer <key>".' : 'This API key is not valid.';
      return sendProblem(res, problem(401, 'unauthorized', 'Unauthorized', detail), { 'WWW-Authenticate': 'Bearer' });
    }
    if (!roles.includes(auth.caller.role)) {
      const detail = `A ${auth.caller.role} key cannot do this; it needs a ${roles.join(' or ')} key.`;
      return sendProblem(res, problem(403, 'forbidden', 'Forbidden', detail));
    }
    try {
      await handler(req, res, auth.caller);
    } catch (error) {
      if (error instanceof DealError) {
        const { problem: p, headers } = problemFor(error);
        return sendProblem(res, p, headers);
      }
      if (error instanceof UnknownOwnerError) {
        const detail = 'Dealbot has not met a user with this email yet: name the owner by Entra object id, or ask them to open Dealbot in Teams once.';
        return sendProblem(res, problem(422, 'unknown-owner', 'Owner not known', detail, { errors: { 'owner.email': 'not known to Dealbot' } }));
      }
      log.error({ err: error, path: req.getPath() }, 'API request failed');
      sendProblem(res, problem(500, 'internal', 'Something went wrong', 'The request failed on our side; try again in a moment.'));
    }
  };
}

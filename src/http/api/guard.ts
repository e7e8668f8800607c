import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'restify';
import type { z } from 'zod';
import type { ApiRole } from '../../config.js';
import { hasRole } from '../../domain/actor.js';
import type { Refusal } from '../../domain/refusal.js';
import type { Logger } from '../../log.js';
import { UnknownOwnerError } from '../../services/referral-service.js';
import { StoreContentionError, StoreUnavailableError } from '../../store/documents.js';
import type { FailedAuthLockout } from '../../store/failed-auth-lockout.js';
import { bodyWasNotJson } from '../body.js';
import { clientGroupOf } from '../client-address.js';
import type { ApiCaller, ApiKeys } from './auth.js';
import { invalidRequest, problem, sendProblem, storeUnavailable } from './problem.js';
import { conflict, problemFor } from './refusals.js';

export type ApiHandler = (req: Request, res: Response, caller: ApiCaller) => Promise<void>;

/** A use case refused: answered as its problem+json. */
export function sendRefusal(res: Response, refusal: Refusal): void {
  const { problem: p, headers } = problemFor(refusal);
  sendProblem(res, p, headers);
}

export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string, res: Response): z.output<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  sendProblem(res, invalidRequest(what, result.error));
  return undefined;
}

/**
 * A JSON body: a body of another type was dropped unread and is refused here, after the key was checked
 * (401 comes first); no body at all reads as {}, and the schema says whether that will do.
 */
export function jsonBody<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> | undefined {
  if (bodyWasNotJson(req)) {
    sendProblem(res, problem(415, 'unsupported-media-type', 'Not JSON', 'Send the body as JSON with Content-Type: application/json.'));
    return undefined;
  }
  return parse(schema, req.body ?? {}, 'body', res);
}

export interface GuardDeps {
  keys: ApiKeys;
  lockout: FailedAuthLockout;
  /** The client's address, through trusted proxies only (client-address.ts). */
  clientAddress: (req: IncomingMessage) => string;
  log: Logger;
}

/** A request without a valid key: 401, or 429 once its address has failed too often. */
async function refuseUnauthenticated(deps: GuardDeps, req: Request, res: Response, reason: 'missing' | 'invalid'): Promise<void> {
  const address = clientGroupOf(deps.clientAddress(req));
  const waitMs = await deps.lockout.lockedFor(address);
  if (waitMs > 0) {
    const detail = 'Too many requests with a missing or wrong API key from your address; wait, then try again with a valid key.';
    return sendProblem(res, problem(429, 'too-many-failures', 'Too many failed attempts', detail), {
      'Retry-After': String(Math.ceil(waitMs / 1000)),
    });
  }
  await deps.lockout.failed(address);
  deps.log.warn({ address, reason }, 'API request refused: no valid key');
  const detail = reason === 'missing' ? 'Send an API key as "Authorization: Bearer <key>".' : 'This API key is not valid.';
  sendProblem(res, problem(401, 'unauthorized', 'Unauthorized', detail), { 'WWW-Authenticate': 'Bearer' });
}

/** Authenticates the key, checks its role, runs the handler, and answers every failure as problem+json. */
export function guarded(deps: GuardDeps) {
  const { keys, log } = deps;
  return (roles: readonly ApiRole[], handler: ApiHandler) => async (req: Request, res: Response) => {
    try {
      const auth = keys.authenticate(req.header('authorization'));
      // A valid key is never locked out: only requests without one are counted and slowed.
      if (!auth.ok) return await refuseUnauthenticated(deps, req, res, auth.reason);
      if (!roles.some((role) => hasRole(auth.caller, role))) {
        const detail = `${capitalised(withArticle(auth.caller.role))} key cannot do this; it needs ${roles.map(withArticle).join(' or ')} key.`;
        return sendProblem(res, problem(403, 'forbidden', 'Forbidden', detail));
      }
      await handler(req, res, auth.caller);
    } catch (error) {
      answerFailure(error, req, res, log);
    }
  };
}

/** What a failed request is told: a refusal the use case expects, a store that is away, or our fault. */
function answerFailure(error: unknown, req: Request, res: Response, log: Logger): void {
  if (res.headersSent) {
    log.error({ err: error, path: req.getPath() }, 'API request failed after its answer began');
    return;
  }
  if (error instanceof StoreContentionError) {
    sendProblem(res, conflict().problem);
  } else if (error instanceof UnknownOwnerError) {
    const detail =
      'Dealbot has not met a user with this email yet: name the owner by Entra object id, or ask them to open Dealbot in Teams once.';
    sendProblem(res, problem(422, 'unknown-owner', 'Owner not known', detail, { errors: { 'owner.email': 'not known to Dealbot' } }));
  } else if (error instanceof StoreUnavailableError) {
    log.warn({ err: error.message, path: req.getPath() }, 'API request failed: store unavailable');
    storeUnavailable(res);
  } else {
    log.error({ err: error, path: req.getPath() }, 'API request failed');
    sendProblem(res, problem(500, 'internal', 'Something went wrong', 'The request failed on our side; try again in a moment.'));
  }
}

/** "an admin", "a reviewer": the article English gives a role's name. */
const withArticle = (role: string) => `${/^[aeiou]/i.test(role) ? 'an' : 'a'} ${role}`;
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

import type { Response } from 'restify';
import type { z } from 'zod';

export const PROBLEM_JSON = 'application/problem+json';

/** An RFC 9457 problem: a stable type, a title, and a detail saying what to do next. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Field errors from zod: path -> message. */
  errors?: Record<string, string>;
  [extra: string]: unknown;
}

export function sendProblem(res: Response, problem: Problem, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.header(name, value);
  res.header('content-type', PROBLEM_JSON);
  res.send(problem.status, problem);
}

export function problem(status: number, type: string, title: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: `https://dealbot.example/problems/${type}`, title, status, detail, ...extra };
}

/** The store is away for a moment (stopped, restarting, unreachable): nothing was saved, try again. */
export function storeUnavailable(res: Response): void {
  const detail = 'Dealbot cannot reach its database just now, so nothing was read or saved; try again in a moment.';
  sendProblem(res, problem(503, 'store-unavailable', 'Temporarily unavailable', detail), { 'Retry-After': '2' });
}

/** zod's issues as `path: message`, one per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const at = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors[at ? `${at}.${key}` : key] = 'unknown field';
      continue;
    }
    errors[at || '(body)'] ??= issue.message;
  }
  return errors;
}

export function invalidRequest(what: string, error: z.ZodError): Problem {
  return problem(400, 'invalid-request', `Invalid ${what}`, `The ${what} did not pass validation; see errors.`, {
    errors: fieldErrors(error),
  });
}

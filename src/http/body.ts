import bodyParser from 'body-parser';
import type { Next, Request, Response } from 'restify';
import typeis from 'type-is';
import { problem, sendProblem } from './api/problem.js';

/** body-parser's refusals by its error type, as problem+json: what was wrong and what to send instead. */
function problemFor(error: { status?: number; type?: string }, maxBodyBytes: number) {
  switch (error.type) {
    case 'entity.too.large':
      return problem(413, 'too-large', 'Body too large', `The body is larger than ${maxBodyBytes} bytes once decoded.`);
    case 'encoding.unsupported':
      return problem(
        415,
        'unsupported-encoding',
        'Unsupported Content-Encoding',
        'Send the body uncompressed, or with gzip, deflate or br.',
      );
    case 'charset.unsupported':
      return problem(415, 'unsupported-media-type', 'Unsupported charset', 'Send JSON in UTF-8.');
    case 'request.aborted':
    case 'request.size.invalid':
      return problem(400, 'invalid-request', 'Incomplete body', 'The body ended before its declared length; send it whole.');
    case 'entity.parse.failed':
      return problem(400, 'invalid-request', 'Invalid JSON', 'The body is not valid JSON.');
    default:
      // zlib's errors (a body that is not what its Content-Encoding says, or cut short) carry no type.
      return problem(400, 'invalid-request', 'Undecodable body', 'The body could not be decoded as its Content-Encoding says.');
  }
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/** API requests whose body was not JSON: dropped unread, and refused (415) once the key has been checked. */
const notJson = new WeakSet<Request>();
export const bodyWasNotJson = (req: Request): boolean => notJson.has(req);

/** A body to read: one is declared, and it is not declared empty (a POST with nothing to say). */
const hasBody = (req: Request) => typeis.hasBody(req) && !(req.headers['content-length'] === '0' && !req.headers['transfer-encoding']);

/**
 * Reads request bodies: JSON only, at most `maxBodyBytes` once decoded, counted while it streams, so a
 * compressed bomb is stopped at the cap and never inflated whole. Any other body (multipart, forms, text)
 * is refused before a byte of it is read, so nothing reaches the disk. Every refusal is problem+json.
 */
export function jsonBodies(maxBodyBytes: number) {
  const parse = bodyParser.json({ limit: maxBodyBytes, strict: true, type: JSON_TYPES });
  return (req: Request, res: Response, next: Next) => {
    if (!hasBody(req)) return next();
    if (!typeis(req, JSON_TYPES)) {
      const detail = 'Send the body as JSON with Content-Type: application/json.';
      // Read off and dropped, never kept: a client still sending gets the answer rather than a reset, and
      // the request timeout bounds how long it may take.
      req.resume();
      // The API says who may call it first: an unauthenticated caller hears 401, whatever its body.
      if (req.getPath().startsWith('/api/v1/')) {
        notJson.add(req);
        return next();
      }
      sendProblem(res, problem(415, 'unsupported-media-type', 'Not JSON', detail));
      return next(false);
    }
    parse(req, res, (error?: { status?: number; type?: string }) => {
      if (!error) return next();
      if (error.type !== 'entity.parse.failed') res.header('connection', 'close');
      const refusal = problemFor(error, maxBodyBytes);
      sendProblem(res, refusal, error.type === 'encoding.unsupported' ? { 'Accept-Encoding': 'gzip, deflate, br' } : {});
      next(false);
    });
  };
}

import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  DealIdParams,
  DealPageView,
  DealView,
  DecisionBody,
  ErasureView,
  ExportQuery,
  PersonDataView,
  PersonParams,
  ProblemView,
  QueueQuery,
  ReferralBody,
  RoutingBody,
  RoutingView,
  SolutionsBody,
  StatsView,
} from './schemas.js';

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
/**
 * Every route may also answer 429 (too many requests without a valid key from the caller's address) and
 * 503 (the database is away for a moment, or the instance is shutting down: try again after Retry-After).
 */
const problems = (...codes: number[]) =>
  Object.fromEntries(
    [...codes, 429, 503].map((code) => [
      code,
      { description: PROBLEM_TEXT[code] ?? 'Problem', content: { 'application/problem+json': { schema: ProblemView } } },
    ]),
  );
const PROBLEM_TEXT: Record<number, string> = {
  400: 'Invalid request: see errors',
  401: 'No API key, or not a valid one',
  429: 'Too many failed attempts from this address: wait for Retry-After',
  403: "The key's role may not do this",
  404: 'No such deal in your tenant',
  409: "Not allowed in the deal's current status",
  412: 'Changed since it was read (If-Match)',
  413: 'Body too large once decoded',
  415: 'Body is not JSON, or its Content-Encoding is not gzip, deflate or br',
  422: 'The owner is not known',
  428: 'If-Match is required',
  503: 'Temporarily unavailable: try again after Retry-After',
};
const IfMatch = z.object({ 'if-match': z.string().openapi({ description: 'The ETag of the deal as read', example: '"3"' }) });
const RulesIfMatch = z.object({
  'if-match': z.string().optional().openapi({
    description: 'The ETag GET gave: the change is made only if the rules are still those (else 412)',
    example: '"3f2a9c0b1d4e5f60"',
  }),
});

/** The API's OpenAPI 3.1 document, generated from the schemas the handlers parse with. */
export function openApiDocument(): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from npm run api-key',
  });
  const security = [{ apiKey: [] }];
  registry.registerPath({
    method: 'get',
    path: '/api/v1/deals',
    summary: "The queue: the tenant's deals in one status, the latest to enter it first",
    security,
    request: { query: QueueQuery },
    responses: { 200: { description: 'A page of deals', ...json(DealPageView) }, ...problems(400, 401, 403) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stats',
    summary: "The deal desk's figures: deals waiting, the oldest wait, and time in review over the last 30 days",
    security,
    responses: { 200: { description: 'The figures', ...json(StatsView) }, ...problems(401, 403) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/deals/{id}',
    summary: 'One deal with its history; its version is the ETag',
    security,
    request: { params: DealIdParams },
    responses: { 200: { description: 'The deal', ...json(DealView) }, ...problems(400, 401, 403, 404) },
  });
  for (const [path, summary] of [
    ['approve', 'Approve a deal in review'],
    ['decline', 'Decline a deal in review (comment required)'],
    ['request-update', 'Send a deal back to the seller for an update (comment required; fields optional)'],
  ] as const) {
    registry.registerPath({
      method: 'post',
      path: `/api/v1/deals/{id}/${path}`,
      summary,
      security,
      request: { params: DealIdParams, headers: IfMatch, body: { required: true, ...json(DecisionBody) } },
      responses: { 200: { description: 'The decided deal', ...json(DealView) }, ...problems(400, 401, 403, 404, 409, 412, 413, 415, 428) },
    });
  }
  registry.registerPath({
    method: 'post',
    path: '/api/v1/referrals',
    summary: 'Report a referral marked Won: an Incomplete deal for its owner',
    security,
    request: { body: { required: true, ...json(ReferralBody) } },
    responses: {
      200: { description: 'Reported before: the deal it created', ...json(DealView) },
      201: { description: 'The new Incomplete deal', ...json(DealView) },
      ...problems(400, 401, 403, 413, 415, 422),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/solutions',
    summary: "The tenant's solution catalogue",
    security,
    responses: { 200: { description: 'The catalogue', ...json(SolutionsBody) }, ...problems(401, 403) },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/v1/solutions',
    summary: "Replace the tenant's solution catalogue",
    security,
    request: { body: { required: true, ...json(SolutionsBody) } },
    responses: { 200: { description: 'The catalogue as stored', ...json(SolutionsBody) }, ...problems(400, 401, 403, 413, 415) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/routing',
    summary: 'The routing rules, and the review conversations reviewers claimed in Teams',
    security,
    responses: {
      200: { description: 'The rules and conversations; the ETag names these rules', ...json(RoutingView) },
      ...problems(401, 403),
    },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/v1/routing',
    summary:
      'Replace the routing rules: by country/region, solution and annual value range, each naming a claimed conversation; two approvals where a rule says so',
    security,
    request: { headers: RulesIfMatch, body: { required: true, ...json(RoutingBody) } },
    responses: { 200: { description: 'The rules as stored, their ETag', ...json(RoutingView) }, ...problems(400, 401, 403, 412, 413, 415) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/deals/export',
    summary:
      "The tenant's deals as CSV (RFC 4180, UTF-8 with a byte-order mark, one row per deal; a cell starting with =, +, - or @ gets a leading apostrophe), streamed",
    security,
    request: { query: ExportQuery },
    responses: {
      200: { description: 'CSV with a header row', content: { 'text/csv': { schema: z.string() } } },
      ...problems(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/people/{person}/data',
    summary:
      "Everything stored about a person (a data subject's access request): deals they own, deals naming them as the contact, history entries they wrote, where the bot reaches them. Admin keys only; audited without the personal data.",
    security,
    request: { params: PersonParams },
    responses: { 200: { description: "The person's data", ...json(PersonDataView) }, ...problems(400, 401, 403) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/people/{person}/erase',
    summary:
      'Erase a person\'s data on their request: replaced by "[erased]" in every deal that holds it (deals kept, the erasure in their history), conversation references and remembered email and language removed. Running it again changes nothing. Admin keys only.',
    security,
    request: { params: PersonParams },
    responses: { 200: { description: 'What was erased', ...json(ErasureView) }, ...problems(400, 401, 403) },
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Dealbot API',
      version: '1.0.0',
      description: "The deal desk's queue and decisions, referrals, and the solution catalogue.",
    },
    servers: [{ url: '/' }],
  });
}

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** Keys the tests use, and the API_KEYS line that admits them. */
export const KEYS = {
  reviewer: 'test-reviewer-key-contoso',
  reviewerNext: 'test-reviewer-key-contoso-rotated',
  integration: 'test-integration-key-contoso',
  admin: 'test-admin-key-contoso',
  otherTenant: 'test-reviewer-key-fabrikam',
} as const;
const sha = (key: string) => createHash('sha256').update(key).digest('hex');
export const API_KEYS_ENV = [
  `tenant-contoso:reviewer:${sha(KEYS.reviewer)}`,
  `tenant-contoso:reviewer:${sha(KEYS.reviewerNext)}`,
  `tenant-contoso:integration:${sha(KEYS.integration)}`,
  `tenant-contoso:admin:${sha(KEYS.admin)}`,
  `tenant-fabrikam:reviewer:${sha(KEYS.otherTenant)}`,
].join(',');

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

type OpenApi = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: unknown;
};

/**
 * Calls the REST API as an integration would, and checks every answer against the OpenAPI document the
 * server publishes: a route that answers outside its contract fails the test that called it.
 */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly key?: string,
    private readonly shared: { document?: OpenApi; ajv: Ajv2020 } = {
      ajv: new Ajv2020({ strict: false, allErrors: true, validateFormats: false }),
    },
  ) {}

  /** The same API as another caller (another key, or none). */
  as(key: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, key, this.shared);
  }

  private async contract(): Promise<OpenApi> {
    if (!this.shared.document) {
      const res = await fetch(`${this.baseUrl}/api/v1/openapi.json`);
      this.shared.document = (await res.json()) as OpenApi;
      this.shared.ajv.addSchema({ $id: 'openapi', components: this.shared.document.components } as object);
    }
    return this.shared.document;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const init: RequestInit = { method, headers: { ...(this.key ? { authorization: `Bearer ${this.key}` } : {}), ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${path}`, init);
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    await this.check(method, path, res, parsed);
    return { status: res.status, headers: res.headers, body: parsed };
  }

  private async check(method: string, path: string, res: Response, body: unknown): Promise<void> {
    const doc = await this.contract();
    const template = Object.keys(doc.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path.split('?')[0]!));
    if (!template) return; // an unknown path: the 404 problem is checked by the test itself
    const operation = doc.paths[template]![method.toLowerCase()];
    if (!operation) return;
    const declared = operation.responses[String(res.status)];
    assert.ok(declared, `${method} ${template} answered ${res.status}, which its OpenAPI entry does not declare`);
    const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]!;
    const schema = declared.content?.[mediaType]?.schema;
    assert.ok(schema, `${method} ${template} ${res.status} answered ${mediaType}, not a declared content type`);
    const validate = this.shared.ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('#/components', 'openapi#/components')));
    assert.ok(
      validate(body),
      `${method} ${template} ${res.status} body breaks the contract: ${JSON.stringify(validate.errors?.slice(0, 3))}`,
    );
  }
}

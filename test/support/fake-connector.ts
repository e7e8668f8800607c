import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string;
  body: Record<string, unknown>;
  /** When the call arrived (ms since the epoch). */
  at: number;
}

/** What the fake answers instead of 200, once per send, in order. */
export type Fault = { status: number; code?: string; retryAfter?: string; errorCode?: number } | { delayMs: number } | { reset: true };

export interface Limit {
  count: number;
  windowMs: number;
}

export interface MemberProfile {
  givenName?: string;
  surname?: string;
  email?: string;
  name?: string;
}

/**
 * A local stand-in for the Bot Connector service, used as the activities' serviceUrl: it records every
 * call the bot makes and answers as the real service does.
 */
export class FakeConnector {
  readonly calls: RecordedCall[] = [];
  readonly members = new Map<string, MemberProfile>();
  /** The roster of a group chat or channel: what TeamsInfo.getPagedMembers reads. */
  readonly rosters = new Map<string, (MemberProfile & { id: string; aadObjectId: string })[]>();
  /** Faults to answer sends in a conversation with, first to last. */
  readonly faults = new Map<string, Fault[]>();
  /** Sends refused with 429 because they broke the enforced limits. */
  throttled = 0;
  private limits?: { conversation: Limit[]; tenant: Limit[] };
  private readonly sendTimes = new Map<string, number[]>();
  private server?: Server;
  private nextId = 1;
  url = '';

  /** Answer 429 to any send over Teams' limits, as Teams does. */
  enforceLimits(limits: { conversation: Limit[]; tenant: Limit[] }): void {
    this.limits = limits;
  }

  private overLimit(key: string, limits: Limit[], now: number): boolean {
    const times = (this.sendTimes.get(key) ?? []).filter((t) => t > now - Math.max(...limits.map((l) => l.windowMs)));
    this.sendTimes.set(key, times);
    return limits.some((l) => times.filter((t) => t > now - l.windowMs).length >= l.count);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Activities the bot sent into one conversation, oldest first. */
  sent(conversationId: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.conversationId === conversationId && c.method === 'POST').map((c) => c.body);
  }

  /** Updates the bot made to activities it had sent (PUT), oldest first. */
  updated(conversationId: string): RecordedCall[] {
    return this.calls.filter((c) => c.conversationId === conversationId && c.method === 'PUT');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = Date.now(); // Teams counts a send when it arrives, before its body is read
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const match = /^\/v3\/conversations\/([^/]+)(\/.*)?$/.exec(path);
    const conversationId = match?.[1] ?? '';
    const rest = match?.[2] ?? '';
    if (req.method === 'GET' && rest === '/pagedmembers') {
      return this.reply(res, 200, { members: this.rosters.get(conversationId) ?? [] });
    }
    const member = /^\/members\/(.+)$/.exec(rest);
    if (req.method === 'GET' && member) {
      const profile = this.members.get(member[1]!);
      if (!profile) return this.reply(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
      return this.reply(res, 200, { id: member[1], ...profile });
    }
    if (match && (req.method === 'POST' || req.method === 'PUT')) {
      const body = text ? JSON.parse(text) : {};
      const fault = this.faults.get(conversationId)?.shift();
      if (fault && 'reset' in fault) return void req.socket.destroy();
      if (fault && 'delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault && 'status' in fault) {
        if (fault.retryAfter) res.setHeader('retry-after', fault.retryAfter);
        const error = {
          error: { code: fault.code ?? 'Error', message: 'injected' },
          ...(fault.errorCode ? { errorCode: fault.errorCode } : {}),
        };
        return this.reply(res, fault.status, error);
      }
      if (this.limits && req.method === 'POST') {
        const now = arrived;
        const tenant = `tenant:${(body.conversation as { tenantId?: string } | undefined)?.tenantId ?? ''}`;
        if (this.overLimit(conversationId, this.limits.conversation, now) || this.overLimit(tenant, this.limits.tenant, now)) {
          this.throttled++;
          return this.reply(res, 429, { error: { code: 'Throttled', message: 'over the limit' } });
        }
        this.sendTimes.get(conversationId)!.push(now);
        this.sendTimes.get(tenant)!.push(now);
      }
      this.calls.push({ method: req.method, path, conversationId, body, at: arrived });
      return this.reply(res, 200, { id: `activity-${this.nextId++}` });
    }
    this.reply(res, 404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

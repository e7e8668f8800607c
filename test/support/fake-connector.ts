import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string;
  body: Record<string, unknown>;
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
  private server?: Server;
  private nextId = 1;
  url = '';

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
      this.calls.push({ method: req.method, path, conversationId, body: text ? JSON.parse(text) : {} });
      return this.reply(res, 200, { id: `activity-${this.nextId++}` });
    }
    this.reply(res, 404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

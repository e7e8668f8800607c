import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One item as Application Insights' ingestion receives it. */
export interface Envelope {
  name: string;
  time: string;
  iKey?: string;
  tags?: Record<string, string>;
  data?: { baseType?: string; baseData?: Record<string, unknown> };
}

/**
 * Application Insights' ingestion endpoint, on loopback: Azure Monitor's exporter speaks only HTTPS to the
 * connection string's IngestionEndpoint, so this serves a throwaway self-signed certificate (made with
 * openssl for 127.0.0.1) that the bot is told to trust through NODE_EXTRA_CA_CERTS. It records every
 * envelope posted to /v2.1/track and accepts them all.
 */
export class IngestionStandIn {
  readonly envelopes: Envelope[] = [];
  private server?: Server;
  private readonly folder = mkdtempSync(join(tmpdir(), 'dealbot-ingestion-'));
  /** The certificate to trust (NODE_EXTRA_CA_CERTS). */
  readonly caFile = join(this.folder, 'cert.pem');
  url = '';

  async start(): Promise<this> {
    const keyFile = join(this.folder, 'key.pem');
    const request = 'req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1';
    execFileSync('openssl', [...request.split(' '), '-keyout', keyFile, '-out', this.caFile], { stdio: 'ignore' });
    this.server = createServer({ key: readFileSync(keyFile), cert: readFileSync(this.caFile) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        let accepted = 0;
        if (req.method === 'POST' && req.url?.startsWith('/v2.1/track')) {
          const raw = Buffer.concat(chunks);
          const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
          const items = (
            text.trimStart().startsWith('[')
              ? JSON.parse(text)
              : text
                  .split('\n')
                  .filter(Boolean)
                  .map((l) => JSON.parse(l))
          ) as Envelope[];
          this.envelopes.push(...items);
          accepted = items.length;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: accepted, itemsAccepted: accepted, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  /** A connection string that sends everything here. */
  get connectionString(): string {
    return `InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=${this.url};LiveEndpoint=${this.url}`;
  }

  /** The bot's environment for sending here: the connection string, and the certificate trusted. */
  get env(): Record<string, string> {
    return {
      APPLICATIONINSIGHTS_CONNECTION_STRING: this.connectionString,
      NODE_EXTRA_CA_CERTS: this.caFile,
      // Azure Monitor's own usage reports go to Microsoft's fixed endpoint, which a test cannot reach.
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
      APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
    };
  }

  /** The request items received (Application Insights' "requests"). */
  requests(): Record<string, unknown>[] {
    return this.envelopes.filter((e) => e.data?.baseType === 'RequestData').map((e) => e.data!.baseData!);
  }

  /** The dependency items received (Application Insights' "dependencies"). */
  dependencies(): Record<string, unknown>[] {
    return this.envelopes.filter((e) => e.data?.baseType === 'RemoteDependencyData').map((e) => e.data!.baseData!);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.folder, { recursive: true, force: true });
  }
}

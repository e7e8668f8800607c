import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { BotProcess } from './support/bot-process.js';
import { allText } from './support/cards.js';
import { FakeConnector } from './support/fake-connector.js';
import { IngestionStandIn } from './support/ingestion-stand-in.js';
import { SellerClient } from './support/seller-client.js';

/** A wizard turn against a bot process started with `env`, then a clean stop (which flushes telemetry). */
async function wizardTurnThenStop(env: Record<string, string>): Promise<BotProcess> {
  const connector = new FakeConnector();
  await connector.start();
  const bot = await new BotProcess(env).start();
  try {
    const seller = new SellerClient({ url: bot.url, connector }, { tenantId: 'tenant-contoso' });
    assert.match(allText(await seller.say('register a deal')), /Step 1 of 6/);
  } finally {
    assert.equal(await bot.signal('SIGTERM'), 0, bot.output.join(''));
    await connector.stop();
  }
  return bot;
}

/** An OpenTelemetry collector's OTLP/HTTP receiver: what was posted, by signal. */
class OtlpReceiver {
  readonly received: { path: string; body: Buffer }[] = [];
  private server?: Server;
  url = '';
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        this.received.push({ path: req.url ?? '', body: req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw });
        // Not chained: restify (loaded in this process) replaces writeHead with one that returns nothing.
        res.writeHead(200, { 'content-type': 'application/x-protobuf' });
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  sent(signal: 'traces' | 'metrics' | 'logs'): string {
    return Buffer.concat(this.received.filter((r) => r.path === `/v1/${signal}`).map((r) => r.body)).toString('latin1');
  }
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

describe('telemetry leaves the bot', () => {
  it('to Application Insights: the turn as a request, the store as dependencies, logs carrying the trace id', async () => {
    const ingestion = await new IngestionStandIn().start();
    try {
      const bot = await wizardTurnThenStop(ingestion.env);
      const request = ingestion.requests().find((r) => r.name === 'POST /api/messages');
      assert.ok(request, `requests: ${JSON.stringify(ingestion.requests().map((r) => r.name))}`);
      assert.equal(request.responseCode, '200');
      const operation = ingestion.envelopes.find((e) => e.data?.baseData === request)?.tags?.['ai.operation.id'];
      assert.ok(operation);
      const dependencies = ingestion.envelopes.filter((e) => e.data?.baseType === 'RemoteDependencyData');
      assert.ok(
        dependencies.some((e) => String(e.data!.baseData!.name).startsWith('store ') && e.tags?.['ai.operation.id'] === operation),
        'the turn’s store calls, in its operation',
      );
      const metrics = ingestion.envelopes.filter((e) => e.data?.baseType === 'MetricData').map((e) => JSON.stringify(e.data!.baseData));
      assert.ok(
        metrics.some((m) => m.includes('dealbot_turn_seconds')),
        'the product’s turn latency',
      );
      // The log line of the turn, in the bot's own output and in Application Insights, under the request.
      const logged = bot.output.filter((l) => l.includes('draft started')).map((l) => JSON.parse(l) as { trace_id?: string });
      assert.equal(logged[0]?.trace_id, operation);
      const traces = ingestion.envelopes.filter((e) => e.data?.baseType === 'MessageData' && e.data.baseData?.message === 'draft started');
      assert.equal(traces[0]?.tags?.['ai.operation.id'], operation);
    } finally {
      await ingestion.stop();
    }
  });

  it('to an OpenTelemetry collector over OTLP: traces, metrics and logs', async () => {
    const collector = await new OtlpReceiver().start();
    try {
      await wizardTurnThenStop({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
      assert.match(collector.sent('traces'), /POST \/api\/messages/);
      assert.match(collector.sent('metrics'), /dealbot_turn_seconds/);
      assert.match(collector.sent('logs'), /draft started/);
    } finally {
      await collector.stop();
    }
  });

  it('nowhere when neither is set: nothing is loaded, and logs carry no trace id', async () => {
    const bot = await wizardTurnThenStop({});
    assert.ok(bot.output.some((l) => l.includes('draft started')));
    assert.ok(bot.output.every((l) => !l.includes('trace_id')));
    assert.ok(bot.output.every((l) => !l.includes('telemetry exported')));
  });
});

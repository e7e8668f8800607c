import { type Meter, metrics as openTelemetry } from '@opentelemetry/api';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What the gauges read from the store when they are collected. */
export interface MetricSources {
  /** Deals owing their owner a notice a worker can send, and when the longest-waiting one was listed. */
  outbox(): Promise<{ depth: number; oldestAt?: Date }>;
  /** Deals In review over all tenants: the deal desk's work. */
  deskBacklog(): Promise<number>;
  now(): Date;
}

type Labels<L extends string> = Partial<Record<L, string>>;

/**
 * What an operator of a fleet watches: turns by kind and outcome and their latency, store operations and
 * their conflicts, the outbox's depth and its oldest notice, the deal desk's backlog, deliveries by
 * outcome, and the 429s Teams answered. Each metric is declared once here and kept twice: in Prometheus'
 * registry (GET /metrics on METRICS_PORT) and through OpenTelemetry's API, which exports it when telemetry
 * runs (Application Insights' customMetrics, or OTLP) and costs nothing when it does not. Both carry the
 * same name; no label carries a tenant, a user or a deal.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly meter: Meter = openTelemetry.getMeter('dealbot');
  private readonly stopObserving: (() => void)[] = [];

  readonly turns = this.counter('dealbot_turns_total', 'Bot turns by activity kind and outcome', ['kind', 'outcome']);
  readonly turnSeconds = this.histogram('dealbot_turn_seconds', 'Time from an activity arriving to its answer', ['kind'], {
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
  });
  readonly storeSeconds = this.histogram('dealbot_store_operation_seconds', 'Store operations by kind', ['operation'], {
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  });
  readonly storeConflicts = this.counter('dealbot_store_conflicts_total', 'Conditional writes that lost to another writer', ['operation']);
  readonly deliveries = this.counter('dealbot_deliveries_total', 'Notification sends by outcome', ['outcome']);
  readonly throttled = this.counter('dealbot_teams_429_total', 'Sends Teams answered with 429', []);

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'dealbot_' });
    this.gauge(
      'dealbot_outbox_depth',
      'Deals owing their owner a notification a worker can send',
      async () => (await sources.outbox()).depth,
    );
    this.gauge('dealbot_outbox_oldest_pending_seconds', 'How long the longest-waiting undelivered notification has waited', async () => {
      const { oldestAt } = await sources.outbox();
      return oldestAt ? Math.max(0, (sources.now().getTime() - oldestAt.getTime()) / 1000) : 0;
    });
    this.gauge('dealbot_desk_backlog', "Deals In review, waiting for the deal desk's decision, over all tenants", () =>
      sources.deskBacklog(),
    );
  }

  /** Stops the gauges' callbacks (an instance closing; several may live in one test process). */
  close(): void {
    for (const stop of this.stopObserving) stop();
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]) {
    const prom = new Counter({ name, help, labelNames, registers: [this.registry] });
    const otel = this.meter.createCounter(name, { description: help });
    return {
      inc(labels: Labels<L> = {}, value = 1) {
        prom.inc(labels, value);
        otel.add(value, labels);
      },
    };
  }

  private histogram<L extends string>(name: string, help: string, labelNames: readonly L[], { buckets }: { buckets: number[] }) {
    const prom = new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
    const otel = this.meter.createHistogram(name, { description: help, unit: 's', advice: { explicitBucketBoundaries: buckets } });
    return {
      /** Starts timing; the function returned records the seconds since. */
      startTimer(labels: Labels<L> = {}): () => void {
        const started = process.hrtime.bigint();
        return () => {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          prom.observe(labels, seconds);
          otel.record(seconds, labels);
        };
      },
    };
  }

  private gauge(name: string, help: string, read: () => Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
    const otel = this.meter.createObservableGauge(name, { description: help });
    const observe = async (result: { observe(value: number): void }) => result.observe(await read());
    otel.addCallback(observe);
    this.stopObserving.push(() => otel.removeCallback(observe));
  }
}

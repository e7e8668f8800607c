import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What an operator of a fleet watches, in Prometheus' format at GET /metrics: turns by kind and outcome
 * and their latency, store operations and their conflicts, the outbox's depth, deliveries by outcome,
 * and the 429s Teams answered. No label carries a tenant, a user or a deal.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly turns = new Counter({
    name: 'dealbot_turns_total',
    help: 'Bot turns by activity kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly turnSeconds = new Histogram({
    name: 'dealbot_turn_seconds',
    help: 'Time from an activity arriving to its answer',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [this.registry],
  });
  readonly storeSeconds = new Histogram({
    name: 'dealbot_store_operation_seconds',
    help: 'Store operations by kind',
    labelNames: ['operation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly storeConflicts = new Counter({
    name: 'dealbot_store_conflicts_total',
    help: 'Conditional writes that lost to another writer',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  readonly deliveries = new Counter({
    name: 'dealbot_deliveries_total',
    help: 'Notification sends by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly throttled = new Counter({ name: 'dealbot_teams_429_total', help: 'Sends Teams answered with 429', registers: [this.registry] });
  readonly outboxDepth: Gauge;

  constructor(outboxDepth: () => Promise<number>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'dealbot_' });
    this.outboxDepth = new Gauge({
      name: 'dealbot_outbox_depth',
      help: 'Deals owing their owner a notification a worker can send',
      registers: [this.registry],
      async collect() {
        this.set(await outboxDepth());
      },
    });
  }
}

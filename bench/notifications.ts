// Notifications: 1,000 owners' deals decided at once through the API, against a fake connector that
// answers 429 to anything over Teams' limits. The ceiling is the per-tenant limit (50/s): the ratio is the
// delivery rate against it. Lag runs from each decision's answer to its card's arrival.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { openStore } from '../src/store/open.js';
import { API_KEYS_ENV, KEYS } from '../test/support/api-client.js';
import { BotProcess } from '../test/support/bot-process.js';
import { FakeConnector } from '../test/support/fake-connector.js';
import { seedOwnersToNotify } from '../test/support/owed-notifications.js';
import { percentile } from './stats.js';

const TENANT = 'tenant-contoso';
/** Decisions in flight at once: an integration working through a backlog. */
const PARALLEL_DECISIONS = 32;

export interface NotificationFigures {
  owners: number;
  ceilingPerSecond: number;
  deliveredPerSecond: number;
  ratio: number;
  lagP50Ms: number;
  lagP99Ms: number;
  throttled: number;
  decisionsSeconds: number;
}

/**
 * `storeUrl` and `instances`: the fleet figure, several bot processes on one Redis or PostgreSQL sharing
 * the tenant's allowance (decisions spread over them). By default one process on its own SQLite file.
 */
export async function benchNotifications({
  owners,
  storeUrl: shared,
  instances = 1,
}: {
  owners: number;
  storeUrl?: string;
  instances?: number;
}): Promise<NotificationFigures> {
  const { outbox } = parseConfig({});
  const ceilingPerSecond = Math.min(...outbox.tenantLimits.map((l) => (l.count * 1000) / l.windowMs));
  const connector = await new FakeConnector().start();
  connector.enforceLimits({ conversation: outbox.conversationLimits, tenant: outbox.tenantLimits });
  const dir = mkdtempSync(join(tmpdir(), 'dealbot-bench-'));
  const storeUrl = shared ?? `sqlite://${join(dir, 'bench.sqlite')}`;
  const docs = await openStore(storeUrl, { clock: systemClock });
  const seeded = await seedOwnersToNotify(docs, {
    tenantId: TENANT,
    owners,
    connectorUrl: connector.url,
    conversationIdOf: (o) => `a:bench-${o}`,
    deals: 'in_review',
  });
  const dealOf = new Map(seeded.map((s) => [s.conversationId, s.deals[0]!.id])); // conversation -> deal
  await docs.close();

  const env = { STORE_URL: storeUrl, API_KEYS: API_KEYS_ENV, OUTBOX_POLL: 'PT0.05S' };
  const bots = await Promise.all(Array.from({ length: instances }, () => new BotProcess(env).start()));
  try {
    const decidedAt = new Map<string, number>();
    const ids = [...dealOf.values()];
    const started = Date.now();
    let next = 0;
    const decide = async (worker: number) => {
      const bot = bots[worker % bots.length]!;
      while (next < ids.length) {
        const id = ids[next++]!;
        const res = await fetch(`${bot.url}/api/v1/deals/${id}/approve`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEYS.reviewer}`, 'if-match': '*', 'content-type': 'application/json' },
          body: JSON.stringify({ comment: 'Approved in the benchmark' }),
        });
        if (res.status !== 200) {
          const errors = bot.output
            .filter((line) => line.includes('"level":50'))
            .slice(0, 3)
            .join('\n');
          throw new Error(`decision answered ${res.status}: ${await res.text()}\n${errors}`);
        }
        decidedAt.set(id, Date.now());
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_DECISIONS }, (_, worker) => decide(worker)));
    const decisionsSeconds = (Date.now() - started) / 1000;
    const deliveries = () => connector.calls.filter((c) => c.method === 'POST' && dealOf.has(c.conversationId));
    const deadline = Date.now() + ((owners / ceilingPerSecond) * 3 + 30) * 1000;
    while (deliveries().length < owners && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const arrived = deliveries();
    if (arrived.length < owners) throw new Error(`only ${arrived.length} of ${owners} notifications arrived`);
    const lags = arrived.map((c) => c.at - decidedAt.get(dealOf.get(c.conversationId)!)!).sort((a, b) => a - b);
    const last = Math.max(...arrived.map((c) => c.at));
    const deliveredPerSecond = owners / ((last - started) / 1000);
    return {
      owners,
      ceilingPerSecond,
      deliveredPerSecond,
      ratio: deliveredPerSecond / ceilingPerSecond,
      lagP50Ms: percentile(lags, 50),
      lagP99Ms: percentile(lags, 99),
      throttled: connector.throttled,
      decisionsSeconds,
    };
  } finally {
    await Promise.all(bots.map((b) => b.signal('SIGTERM')));
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

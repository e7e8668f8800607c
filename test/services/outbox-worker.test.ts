import assert from 'node:assert/strict';
import pino from 'pino';
import { parseConfig } from '../../src/config.js';
import type { RateLimit } from '../../src/domain/pacing.js';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';
import { OutboxWorker } from '../../src/services/outbox-worker.js';
import { RateLimiter } from '../../src/services/rate-limiter.js';
import { ReviewDesk } from '../../src/services/review-desk.js';
import type { ConversationRef } from '../../src/store/conversation-refs.js';
import { ConversationRefs } from '../../src/store/conversation-refs.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { DeskRepository } from '../../src/store/desk-repository.js';
import { DigestRepository } from '../../src/store/digest-repository.js';
import type { Documents } from '../../src/store/documents.js';
import { TestClock } from '../support/clock.js';
import { eventually } from '../support/eventually.js';
import { memoryStore } from '../support/memory-store.js';
import { seedOwnersToNotify } from '../support/owed-notifications.js';

// Teams' limits with every window at a fiftieth of its length (and Teams' 50 a second per tenant in 100 ms),
// so a test of hundreds of sends takes a second or two: the limiter's rule does not depend on the scale.
const TEAMS = parseConfig({}).outbox;
const scaled = (limits: readonly RateLimit[], by: number) => limits.map((l) => ({ count: l.count, windowMs: l.windowMs / by }));
const CONVERSATION_LIMITS = scaled(TEAMS.conversationLimits, 50);
const TENANT_LIMITS = scaled(TEAMS.tenantLimits, 10);
const TENANT = 'tenant-pacing';

/** The first window a series of send times breaks (counted as Teams counts: a sliding window), if any. */
function brokenLimit(times: readonly number[], limits: readonly RateLimit[]): string | undefined {
  const sorted = [...times].sort((a, b) => a - b);
  for (const { count, windowMs } of limits) {
    for (let i = count; i < sorted.length; i++) {
      if (sorted[i]! - sorted[i - count]! < windowMs) {
        return `${count + 1} sends within ${sorted[i]! - sorted[i - count]!} ms, where ${count} per ${windowMs} ms are allowed`;
      }
    }
  }
  return undefined;
}

/**
 * Pacing, checked against what the worker did and when by its own clock: the sender records the moment
 * each send leaves (on the clock the worker and its limiter read), and the test checks those moments
 * against Teams' limits. How fast the pacing runs is a benchmark figure (npm run bench), never asserted.
 */
describe('the outbox worker keeps Teams’ limits', () => {
  let docs: Documents;
  let worker: OutboxWorker;
  const clock = new TestClock();
  const sends: { conversationId: string; dealIds: string[]; at: number }[] = [];

  beforeEach(() => {
    docs = memoryStore(clock.now);
    sends.length = 0;
    const deals = new DealRepository(docs);
    const log = pino({ level: 'silent' });
    worker = new OutboxWorker(
      {
        deals,
        refs: new ConversationRefs(docs),
        sender: {
          async send(ref: ConversationRef, notices, leaving) {
            leaving();
            sends.push({ conversationId: ref.conversationId, dealIds: notices.map((n) => n.deal.id), at: clock.now().getTime() });
            await new Promise((resolve) => setImmediate(resolve)); // the answer comes back later
            return { kind: 'sent' };
          },
        },
        desk: new ReviewDesk({ desks: new DeskRepository(docs), deals, outboxWritten: () => {}, log, clock: clock.now }),
        digests: new DigestRepository(docs),
        cards: {
          sendCard: async () => ({ kind: 'sent', activityId: 'card' }),
          sendDigest: async () => ({ kind: 'sent', activityId: 'digest' }),
        },
        limiter: new RateLimiter(clock.now),
        policy: PARTNER_CENTER_POLICY,
        log,
        clock: clock.now,
      },
      {
        instanceId: 'test',
        leaseMs: 30_000,
        pollMs: 20,
        maxBackoffMs: 1000,
        conversationLimits: CONVERSATION_LIMITS,
        tenantLimits: TENANT_LIMITS,
        concurrency: 16,
      },
    );
  });
  afterEach(async () => {
    await worker.stop();
    await docs.close();
  });

  async function deliverAll(owners: number, perOwner: number): Promise<string[]> {
    const seeded = await seedOwnersToNotify(docs, {
      tenantId: TENANT,
      owners,
      perOwner,
      connectorUrl: 'http://connector.invalid/',
      conversationIdOf: (o) => `a:owner-${o}`,
      deals: 'decided',
    });
    worker.start();
    const all = seeded.flatMap((s) => s.deals.map((d) => d.id));
    await eventually(() => sends.length >= all.length, 50_000, `${all.length} notices sent`);
    await worker.settle();
    return all;
  }

  it('a burst of 100 to one owner: never more in a conversation than Teams allows, each notice once', async () => {
    const dealIds = await deliverAll(1, 100);
    assert.deepEqual(sends.flatMap((s) => s.dealIds).sort(), [...dealIds].sort(), 'each notice once');
    assert.equal(
      brokenLimit(
        sends.map((s) => s.at),
        CONVERSATION_LIMITS,
      ),
      undefined,
    );
  });

  it('1,000 to different owners: never more in the tenant than Teams allows, each owner once', async () => {
    const dealIds = await deliverAll(1000, 1);
    assert.deepEqual(sends.flatMap((s) => s.dealIds).sort(), [...dealIds].sort(), 'each notice once');
    assert.equal(
      brokenLimit(
        sends.map((s) => s.at),
        TENANT_LIMITS,
      ),
      undefined,
    );
    assert.equal(new Set(sends.map((s) => s.conversationId)).size, 1000);
  });

  it('finds a schedule that breaks a limit (the check itself)', () => {
    assert.match(brokenLimit([0, 10, 20], [{ count: 2, windowMs: 50 }]) ?? '', /3 sends within 20 ms/);
    assert.equal(brokenLimit([0, 10, 60], [{ count: 2, windowMs: 50 }]), undefined);
  });
});

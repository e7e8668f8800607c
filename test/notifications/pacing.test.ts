import assert from 'node:assert/strict';
import { notification } from '../../src/domain/outbox.js';
import { parseConfig } from '../../src/config.js';
import { ConversationRefs } from '../../src/services/conversation-refs.js';
import type { RateLimit } from '../../src/services/rate-limiter.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { eventually } from '../support/eventually.js';
import { seededDeal } from '../support/seed.js';

// The conversation's limits at a fifth of their windows, so the burst takes seconds instead of a minute; the
// tenant's limit as Teams sets it (50/s): 1,000 owners take about 20 s.
const CONVERSATION = '7/PT0.2S,8/PT0.4S,60/PT6S,1800/PT720S';
const TENANT_LIMIT = '50/PT1S';
const TENANT = 'tenant-pacing';

/** When the n-th send can go at the earliest, sending greedily under sliding windows: the ideal schedule. */
function idealFinishMs(sends: number, limits: readonly RateLimit[]): number {
  const times: number[] = [];
  for (let i = 0; i < sends; i++) {
    let t = times.at(-1) ?? 0;
    for (;;) {
      const blocked = limits.map(({ count, windowMs }) => {
        const inWindow = times.filter((x) => x > t - windowMs);
        return inWindow.length >= count ? inWindow[inWindow.length - count]! + windowMs : undefined;
      });
      const next = Math.max(...blocked.map((b) => b ?? -1));
      if (next < 0 || next <= t) break;
      t = next;
    }
    times.push(t);
  }
  return times.at(-1)!;
}

describe('pacing under Teams’ limits', function () {
  this.timeout(60_000);
  const limits = parseConfig({ TEAMS_LIMITS_CONVERSATION: CONVERSATION, TEAMS_LIMITS_TENANT: TENANT_LIMIT }).outbox;
  let bot: BotUnderTest;
  let repo: DealRepository;
  let refs: ConversationRefs;

  beforeEach(async () => {
    bot = await new BotUnderTest({ TEAMS_LIMITS_CONVERSATION: CONVERSATION, TEAMS_LIMITS_TENANT: TENANT_LIMIT, OUTBOX_POLL: 'PT0.05S' }).start();
    bot.connector.enforceLimits({ conversation: limits.conversationLimits, tenant: limits.tenantLimits });
    repo = new DealRepository(bot.bot.store);
    refs = new ConversationRefs(bot.bot.store);
  });
  afterEach(async () => bot.stop());

  /** Owners who installed the bot, and a decided deal for each notification they are owed. */
  async function owed(owners: number, perOwner: number): Promise<string[]> {
    await bot.bot.worker.stop(); // all owed before the first send, so the clock measures delivery alone
    const conversations: string[] = [];
    for (let o = 0; o < owners; o++) {
      const ownerId = `owner-${o}`;
      const conversationId = `a:pacing-${o}`;
      conversations.push(conversationId);
      await refs.save({
        tenantId: TENANT, userId: ownerId, serviceUrl: bot.connector.url, channelId: 'msteams', conversationId,
        botId: '28:dealbot', locale: 'en', formatLocale: 'en-US', timeZone: 'UTC', valid: true,
      });
      for (let i = 0; i < perOwner; i++) {
        const deal = seededDeal({ tenantId: TENANT, ownerId, status: 'approved', companyName: `C${i}`, minutesAgo: 1 });
        await repo.create({ ...deal, outbox: [notification('status_changed', deal, deal.updatedAt, { from: 'in_review' })] });
      }
    }
    return conversations;
  }

  const delivered = (conversations: readonly string[]) => conversations.reduce((n, c) => n + bot.connector.sent(c).length, 0);

  it('a burst of 100 to one owner: no 429, done about when the limits allow', async () => {
    const conversations = await owed(1, 100);
    const start = Date.now();
    bot.bot.worker.start();
    await eventually(() => delivered(conversations) === 100, 40_000, '100 delivered');
    const elapsed = Date.now() - start;
    const ideal = idealFinishMs(100, limits.conversationLimits);
    assert.equal(bot.connector.throttled, 0, 'no send over the limits');
    assert.ok(elapsed <= ideal * 1.25 + 1500, `took ${elapsed} ms; the limits allow ${ideal} ms`);
    process.stdout.write(`      (100 to one owner: ${elapsed} ms; ideal ${ideal} ms)\n`);
  });

  it('1,000 to different owners: no 429, done about when the tenant limit allows', async () => {
    const conversations = await owed(1000, 1);
    const start = Date.now();
    bot.bot.worker.start();
    await eventually(() => delivered(conversations) === 1000, 40_000, '1,000 delivered');
    const elapsed = Date.now() - start;
    const ideal = idealFinishMs(1000, limits.tenantLimits);
    assert.equal(bot.connector.throttled, 0, 'no send over the limits');
    assert.ok(elapsed <= ideal * 1.25 + 1500, `took ${elapsed} ms; the limits allow ${ideal} ms`);
    for (const c of conversations) assert.equal(bot.connector.sent(c).length, 1, 'each owner once');
    process.stdout.write(`      (1,000 owners: ${elapsed} ms; ideal ${ideal} ms)\n`);
  });
});

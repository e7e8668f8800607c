import assert from 'node:assert/strict';
import { systemClock } from '../../src/clock.js';
import { ConversationRefs } from '../../src/store/conversation-refs.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { API_KEYS_ENV } from '../support/api-client.js';
import { approveThroughRestarts } from '../support/approve-through-restarts.js';
import { assertDuplicatesOnlyAcrossKills } from '../support/at-least-once.js';
import { BotProcess } from '../support/bot-process.js';
import type { Json } from '../support/cards.js';
import { eventually } from '../support/eventually.js';
import { FakeConnector } from '../support/fake-connector.js';
import { seededDeal } from '../support/seed.js';
import { tempStoreUrl } from '../support/temp-store.js';
import { seededRandom, TEST_SEED } from '../support/test-seed.js';

const TENANT = 'tenant-contoso';
const DEALS = 200;
const KILLS = 5;

describe('a crash at any moment loses no notification', function () {
  this.timeout(180_000);
  const connector = new FakeConnector();
  before(async () => connector.start());
  after(async () => connector.stop());

  it(`${DEALS} decisions over the API, SIGKILL ${KILLS} times: each announced at least once, a duplicate only across a kill`, async () => {
    const url = tempStoreUrl();
    const docs = await openSqlite(url, { clock: systemClock });
    const repo = new DealRepository(docs);
    const refs = new ConversationRefs(docs);
    const ids: string[] = [];
    for (let i = 0; i < DEALS; i++) {
      const ownerId = `owner-${i % 40}`;
      if (i < 40) {
        await refs.save({
          tenantId: TENANT,
          userId: ownerId,
          serviceUrl: connector.url,
          channelId: 'msteams',
          conversationId: `a:${ownerId}`,
          botId: '28:dealbot',
          locale: 'en',
          formatLocale: 'en-US',
          timeZone: 'UTC',
          valid: true,
        });
      }
      const deal = seededDeal({ tenantId: TENANT, ownerId, status: 'in_review', companyName: `Crash ${i}`, minutesAgo: 1 });
      await repo.create(deal);
      ids.push(deal.id);
    }
    await docs.close();

    const env = { STORE_URL: url, API_KEYS: API_KEYS_ENV, OUTBOX_POLL: 'PT0.1S', OUTBOX_LEASE: 'PT2S', OUTBOX_MAX_BACKOFF: 'PT1S' };
    let bot = await new BotProcess(env).start();
    const random = seededRandom();
    const killAt = new Set<number>();
    while (killAt.size < KILLS) killAt.add(1 + Math.floor(random() * (DEALS - 1)));
    process.stdout.write(`      (seed ${TEST_SEED}: kills after decisions ${[...killAt].sort((a, b) => a - b).join(', ')})\n`);

    const killedAt: number[] = [];
    for (const [i, id] of ids.entries()) {
      if (killAt.has(i)) {
        await bot.kill();
        killedAt.push(Date.now());
        bot = await new BotProcess(env).start();
      }
      await approveThroughRestarts(() => bot.url, id);
    }

    /** When each deal's notice arrived, by deal. */
    const announced = () => {
      const arrivals = new Map<string, number[]>();
      for (const call of connector.calls) {
        const card = (call.body.attachments as { content: Json }[] | undefined)?.[0]?.content;
        const dealId = ((card?.actions as Json[] | undefined)?.[0]?.data as { dealId?: string } | undefined)?.dealId;
        if (dealId) arrivals.set(dealId, [...(arrivals.get(dealId) ?? []), call.at]);
      }
      return arrivals;
    };
    try {
      const arrivals = await eventually(() => ids.every((id) => announced().has(id)) && announced(), 60_000, 'every decision announced');
      const duplicates = assertDuplicatesOnlyAcrossKills(arrivals, killedAt);
      process.stdout.write(`      (${arrivals.size} deals announced, ${duplicates} duplicates)\n`);
    } finally {
      await bot.signal('SIGTERM');
    }
    const check = await openSqlite(url, { clock: systemClock });
    const stored = await new DealRepository(check).getMany(TENANT, ids);
    for (const deal of stored) assert.equal(deal?.history.filter((h) => h.to === 'approved').length, 1, 'decided exactly once');
    await check.close();
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { systemClock } from '../../src/clock.js';
import type { Deal } from '../../src/domain/deal.js';
import { ConversationRefs } from '../../src/store/conversation-refs.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import type { Documents } from '../../src/store/documents.js';
import { openStore } from '../../src/store/open.js';
import { whenServer } from '../store/conformance.js';
import { STEP_ORDER, validAnswers } from '../support/answers.js';
import { API_KEYS_ENV, KEYS } from '../support/api-client.js';
import { BotProcess } from '../support/bot-process.js';
import { allText, type Json } from '../support/cards.js';
import { eventually } from '../support/eventually.js';
import { FakeConnector } from '../support/fake-connector.js';
import { seededDeal } from '../support/seed.js';
import { SellerClient } from '../support/seller-client.js';
import { tempStoreUrl } from '../support/temp-store.js';

const TENANT = 'tenant-contoso';

/** Two bot processes on one shared store, driven alternately: any instance can take any turn or call. */
function twoInstances(name: string, url: () => string): void {
  describe(`two instances on one ${name}`, function () {
    this.timeout(180_000);
    const connector = new FakeConnector();
    const bots: BotProcess[] = [];
    let docs: Documents;
    before(async () => {
      await connector.start();
      docs = await openStore(url(), { clock: systemClock });
      for (let i = 0; i < 2; i++) {
        bots.push(await new BotProcess({ STORE_URL: url(), API_KEYS: API_KEYS_ENV, OUTBOX_POLL: 'PT0.1S', LOG_LEVEL: 'info' }).start());
      }
    });
    after(async () => {
      await Promise.all(bots.map((b) => b.signal('SIGTERM')));
      await docs.close();
      await connector.stop();
    });

    it('carries a wizard from one instance to the other, step by step', async () => {
      const target = { url: bots[0]!.url, connector };
      const seller = new SellerClient(target, { tenantId: TENANT });
      const answers = validAnswers();
      let card: Json = await seller.say('register a deal');
      for (const [i, step] of STEP_ORDER.entries()) {
        target.url = bots[(i + 1) % 2]!.url; // every step on the other instance
        card = await seller.click(card, 'Next', answers[step]);
      }
      target.url = bots[1]!.url;
      card = await seller.click(card, 'Register');
      assert.match(allText(card), /Deal registered/);
    });

    it('gives each of many conflicting decisions exactly one winner, and announces each once', async () => {
      const repo = new DealRepository(docs);
      const refs = new ConversationRefs(docs);
      const run = randomUUID().slice(0, 8);
      const deals: Deal[] = [];
      for (let i = 0; i < 500; i++) {
        const ownerId = `owner-${run}-${i}`;
        await refs.save({
          tenantId: TENANT,
          userId: ownerId,
          serviceUrl: connector.url,
          channelId: 'msteams',
          conversationId: `a:${run}-${i}`,
          botId: '28:dealbot',
          locale: 'en',
          formatLocale: 'en-US',
          timeZone: 'UTC',
          valid: true,
        });
        const deal = seededDeal({ tenantId: TENANT, ownerId, status: 'in_review', companyName: `Race ${i}`, minutesAgo: 1 });
        await repo.create(deal);
        deals.push(deal);
      }
      // 1,000 decisions at once: for each deal an approval on one instance and a decline on the other,
      // both from the version they read. A burst like this can outlast STORE_TIMEOUT; the bot then answers
      // 503 with Retry-After, and a client does what the API asks: tries again. So does this one, and counts.
      let unavailable = 0;
      const decide = async (i: number, path: string, comment: string) => {
        const deal = deals[Math.floor(i / 2)]!;
        const answers: number[] = [];
        for (;;) {
          const res = await fetch(`${bots[i % 2]!.url}/api/v1/deals/${deal.id}/${path}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${KEYS.reviewer}`, 'content-type': 'application/json', 'if-match': `"${deal.version}"` },
            body: JSON.stringify({ comment }),
          });
          await res.arrayBuffer();
          answers.push(res.status);
          if (res.status !== 503) return answers;
          unavailable++;
          await new Promise((resolve) => setTimeout(resolve, 1000 * Number(res.headers.get('retry-after') ?? 1)));
        }
      };
      const answered = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => decide(i, i % 2 ? 'decline' : 'approve', i % 2 ? 'No' : 'Yes')),
      );
      process.stdout.write(`      (${unavailable} answers were 503, each tried again)\n`);
      for (let d = 0; d < deals.length; d++) {
        const [approve, decline] = [answered[2 * d]!, answered[2 * d + 1]!];
        const finals = [approve.at(-1), decline.at(-1)];
        assert.ok(
          finals.every((s) => s === 200 || s === 412 || s === 409),
          `deal ${d}: ${approve} / ${decline}`,
        );
        const stored = await repo.get(TENANT, deals[d]!.id);
        assert.equal(stored?.history.filter((h) => h.from === 'in_review').length, 1, 'one decision, never two');
        const winners = finals.filter((s) => s === 200).length;
        if (winners === 1) {
          assert.equal(stored?.status, finals[0] === 200 ? 'approved' : 'declined', 'the winner’s decision is what is stored');
        } else {
          // No 200: a write that landed while its answer was a 503, then lost to itself on the retry.
          assert.equal(winners, 0, `deal ${d}: two winners`);
          assert.ok([...approve, ...decline].includes(503), `deal ${d}: nobody won, and no 503 explains it`);
        }
      }
      await eventually(() => deals.every((_, i) => connector.sent(`a:${run}-${i}`).length >= 1), 60_000, 'every owner notified');
      // Every notice marked delivered in the store: no instance can send it again (claims are compare-and-set).
      await eventually(
        async () =>
          (
            await repo.getMany(
              TENANT,
              deals.map((d) => d.id),
            )
          ).every((d) => d?.outbox.every((e) => e.audience !== 'owner' || e.deliveredAt)),
        30_000,
        'every notice marked delivered',
      );
      const twice = deals.filter((_, i) => connector.sent(`a:${run}-${i}`).length > 1).length;
      assert.equal(twice, 0, 'no notification delivered by both instances');
    });
  });
}

// SQLite: two processes on one file, as two instances on one machine would share it.
const sqliteFile = tempStoreUrl();
twoInstances('SQLite file', () => sqliteFile);
whenServer('two instances on Redis', 'TEST_REDIS_URL', (url) => twoInstances('Redis', url));
whenServer('two instances on PostgreSQL', 'TEST_POSTGRES_URL', (url) => twoInstances('PostgreSQL', url));

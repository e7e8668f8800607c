import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type Clock, systemClock } from '../../src/clock.js';
import { claimEntries, dueEntries, notification } from '../../src/domain/outbox.js';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';
import { ReminderScanner } from '../../src/services/reminder-scanner.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import type { Documents } from '../../src/store/documents.js';
import { openStore } from '../../src/store/open.js';
import { seededDeal } from '../support/seed.js';
import { documentsContract } from './documents-contract.js';

const HOUR = 3_600_000;
const worker = fileURLToPath(new URL('../support/cas-worker.ts', import.meta.url));

/** Runs a process incrementing one document `count` times by compare-and-swap; resolves to its conflicts. */
function raceProcess(url: string, namespace: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, url, 'counter', String(count), namespace], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`worker exited ${code}`))));
  });
}

/**
 * The store contract, and what the product builds on it, for one backend: every backend runs this same
 * suite. `url()` names a store; each test takes a namespace of its own, so nothing leaks between tests.
 */
export function storeConformance(name: string, url: () => string): void {
  const fresh = (clock: Clock) => openStore(url(), { clock, namespace: `test-${randomUUID().slice(0, 8)}` });
  documentsContract(name, fresh);

  describe(`the product on ${name}`, () => {
    const open: Documents[] = [];
    const connect = async (namespace: string) => {
      const docs = await openStore(url(), { clock: systemClock, namespace });
      open.push(docs);
      return docs;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((d) => d.close()));
    });

    it('two processes incrementing one document lose no update', async () => {
      const namespace = `race-${randomUUID().slice(0, 8)}`;
      const docs = await connect(namespace);
      await docs.insert('counter', 0);
      const conflicts = await Promise.all([raceProcess(url(), namespace, 150), raceProcess(url(), namespace, 150)]);
      assert.equal((await docs.read('counter'))?.value, 300);
      process.stdout.write(`      (conflicts retried: ${conflicts.join(' + ')})\n`);
    });

    it('pages an owner’s deals newest first, without repeats or gaps', async () => {
      const repo = new DealRepository(await connect(`pages-${randomUUID().slice(0, 8)}`));
      const made = [];
      for (let i = 0; i < 12; i++) {
        const deal = seededDeal({ tenantId: 't', ownerId: 'o', status: 'in_review', companyName: `C${i}`, minutesAgo: i });
        await repo.create(deal);
        made.push(deal.id);
      }
      const seen: string[] = [];
      let page = await repo.ownerPage('t', 'o', ['in_review'], { limit: 5 });
      seen.push(...page.deals.map((d) => d.id));
      while (page.hasOlder) {
        const last = page.deals.at(-1)!;
        page = await repo.ownerPage('t', 'o', ['in_review'], { limit: 5, older: { at: last.updatedAt, id: last.id } });
        seen.push(...page.deals.map((d) => d.id));
      }
      assert.deepEqual(seen, made, 'newest (0 minutes ago) first, each once');
    });

    it('lets one of two instances claim a notification, and the other take it over once the lease ends', async () => {
      const namespace = `claim-${randomUUID().slice(0, 8)}`;
      const [a, b] = [new DealRepository(await connect(namespace)), new DealRepository(await connect(namespace))];
      const deal = seededDeal({ tenantId: 't', ownerId: 'o', status: 'approved', companyName: 'Claimed', minutesAgo: 1 });
      await a.create({ ...deal, outbox: [notification('status_changed', deal, deal.updatedAt)] });
      const now = new Date();
      const claim = (repo: DealRepository, by: string, at: Date) =>
        repo.update('t', deal.id, (current) => {
          const due = dueEntries(current, at).map((e) => e.id);
          return due.length > 0
            ? { deal: claimEntries(current, due, by, new Date(at.getTime() + 30_000)), result: true }
            : { deal: current, result: false };
        });
      const results = await Promise.all([claim(a, 'instance-a', now), claim(b, 'instance-b', now)]);
      assert.deepEqual(results.map((r) => r.ok && r.value.result).sort(), [false, true], 'exactly one claim');
      const later = new Date(now.getTime() + 31_000);
      const takeover = await claim(b, 'instance-b', later);
      assert.ok(takeover.ok);
      assert.equal(takeover.value.result, true, 'the lease ended: another instance may take it');
      assert.equal(takeover.value.deal.outbox[0]?.attempts, 2, 'both attempts are on record');
    });

    it('writes each reminder once, whatever the number of instances scanning', async () => {
      const namespace = `remind-${randomUUID().slice(0, 8)}`;
      const stores = [await connect(namespace), await connect(namespace), await connect(namespace)];
      const repo = new DealRepository(stores[0]!);
      const deals = [];
      for (let i = 0; i < 10; i++) {
        const deal = seededDeal({
          tenantId: `t${i % 2}`,
          ownerId: `o${i}`,
          status: i % 2 ? 'incomplete' : 'update_required',
          companyName: `R${i}`,
          minutesAgo: 0,
        });
        await repo.create(deal);
        deals.push(deal);
      }
      const now = new Date(Date.now() + 4 * 24 * HOUR);
      const scanners = stores.map(
        (docs) =>
          new ReminderScanner({
            deals: new DealRepository(docs),
            policy: PARTNER_CENTER_POLICY,
            periods: { afterMs: 3 * 24 * HOUR, everyMs: 7 * 24 * HOUR, windowWarningMs: 7 * 24 * HOUR },
            remindersAdded: () => {},
            log: pino({ level: 'silent' }),
            clock: () => now,
          }),
      );
      const added = await Promise.all(scanners.map((s) => s.scanOnce()));
      assert.equal(
        added.reduce((x, y) => x + y),
        10,
      );
      for (const deal of deals) {
        const stored = await repo.get(deal.tenantId, deal.id);
        assert.equal(stored?.outbox.filter((e) => e.kind === 'reminder').length, 1);
      }
    });
  });
}

/** A suite for a server the test run may not have: skipped, saying why, unless its URL is given. */
export function whenServer(name: string, envVar: string, suite: (url: () => string) => void): void {
  const url = process.env[envVar];
  if (url) {
    suite(() => url);
    return;
  }
  describe(`${name} (skipped: ${envVar} is not set; npm run test:stores starts a throwaway server)`, () => {
    it.skip(`runs with ${envVar}`, () => {});
  });
}

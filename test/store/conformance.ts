import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type Clock, systemClock } from '../../src/clock.js';
import { claimEntries, dueEntries, notification } from '../../src/domain/outbox.js';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';
import { PeopleService } from '../../src/services/people-service.js';
import { ReminderScanner } from '../../src/services/reminder-scanner.js';
import { ConversationRefs } from '../../src/store/conversation-refs.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import type { Documents } from '../../src/store/documents.js';
import { addingCapped, FULL } from '../../src/store/indexes.js';
import { openStore } from '../../src/store/open.js';
import { Pseudonyms } from '../../src/store/pseudonyms.js';
import { UserDirectory } from '../../src/store/user-directory.js';
import { UserLanguages } from '../../src/store/user-languages.js';
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

    it('after an erasure no row, key or value, holds the person: name, email, phone or Entra id', async () => {
      const docs = await connect(`erase-${randomUUID().slice(0, 8)}`);
      const deals = new DealRepository(docs);
      const people = new PeopleService({
        deals,
        refs: new ConversationRefs(docs),
        directory: new UserDirectory(docs),
        languages: new UserLanguages(docs),
        pseudonyms: new Pseudonyms(docs),
        clock: systemClock,
      });
      const petra = { id: 'entra-petra-7f3a9c', name: 'Petra Holmqvist', email: 'petra.holmqvist@contoso.example' };
      const karin = { firstName: 'Karin', lastName: 'Lundgren', phone: '070-123 45 67', email: 'karin.lundgren@fabrikam.example' };
      const seed = (ownerId: string, status: Parameters<typeof seededDeal>[0]['status'], companyName: string) =>
        seededDeal({ tenantId: 't', ownerId, status, companyName, minutesAgo: 5 });
      // Petra's own deal, owing her a notice she could not be sent yet (pending and waiting indexes name her).
      const owned = seed(petra.id, 'update_required', 'Owned AB');
      owned.ownerName = petra.name;
      owned.history = owned.history.map((h) => (h.by === petra.id ? { ...h, byName: petra.name } : h));
      owned.outbox = [notification('status_changed', owned, owned.updatedAt, { waitingForOwner: true })];
      // A colleague's draft whose contact step was refused: Karin only in the unsaved inputs.
      const draft = seed('o2', 'incomplete', 'Draft AB');
      draft.fields = { ...draft.fields, contact: undefined };
      draft.wizard = { step: 'contact', inputs: { contact: { ...karin, phone: '070-123 45 6' } } };
      // A deal sent back whose contact was changed: Karin only in the fields as they were.
      const changed = seed('o2', 'update_required', 'Changed AB');
      changed.wizard = {
        step: 'summary',
        inputs: {},
        update: {
          steps: ['contact'],
          before: { ...changed.fields, contact: { ...karin, phone: '+46701234567' } },
          unchangedConfirmed: false,
        },
      };
      // A deal Petra approved as the first of two.
      const approved = seed('o3', 'in_review', 'Approved AB');
      approved.review = { approvalsRequired: 2, approvals: [{ by: petra.id, byName: petra.name, at: approved.updatedAt }] };
      for (const deal of [owned, draft, changed, approved]) assert.ok(await deals.create(deal));
      await new UserDirectory(docs).remember('t', petra.email, petra.id);
      await new UserLanguages(docs).remember('t', petra.id, 'sv-SE');
      await new ConversationRefs(docs).save({
        tenantId: 't',
        userId: petra.id,
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        channelId: 'msteams',
        conversationId: `a:chat-of-${petra.id}`,
        botId: '28:bot',
        locale: 'sv',
        formatLocale: 'sv-SE',
        timeZone: 'Europe/Stockholm',
        valid: true,
      });

      const petraGone = await people.erase({ tenantId: 't', id: 'admin', roles: ['admin'] }, { userId: petra.id, email: petra.email });
      assert.equal(petraGone.deals, 2);
      assert.equal((await people.erase({ tenantId: 't', id: 'admin', roles: ['admin'] }, { email: karin.email })).deals, 2);

      const traces = [
        petra.id,
        petra.name,
        'Holmqvist',
        petra.email,
        encodeURIComponent(petra.email),
        karin.lastName,
        karin.email,
        '070-123',
        '46701234567',
      ];
      const found: string[] = [];
      for await (const rows of docs.scan()) {
        for (const row of rows) {
          for (const trace of traces) {
            if (row.key.includes(trace) || row.raw.includes(trace)) found.push(`${trace} in ${row.key}`);
          }
        }
      }
      assert.deepEqual(found, [], 'nothing of either person is left anywhere in the store');
      assert.equal(
        (await deals.getMany('t', [owned.id, draft.id, changed.id, approved.id])).filter(Boolean).length,
        4,
        'the deals are kept',
      );
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

    it('finds registered deals by a word of the customer’s name or the reference, through the search index', async () => {
      const repo = new DealRepository(await connect(`search-${randomUUID().slice(0, 8)}`));
      const search = (text: string) => ({ text, statuses: [] });
      const volvo = seededDeal({ tenantId: 't', ownerId: 'o', status: 'in_review', companyName: 'AB Volvo Cars', minutesAgo: 3 });
      const saab = seededDeal({ tenantId: 't', ownerId: 'o', status: 'approved', companyName: 'Saab AB', minutesAgo: 2 });
      const draft = seededDeal({ tenantId: 't', ownerId: 'o', status: 'incomplete', companyName: 'Volvo Draft', minutesAgo: 1 });
      for (const deal of [volvo, saab, draft]) await repo.create(deal);
      await repo.ensureSearchIndex('t');
      const names = async (text: string) =>
        (await repo.searchRegistered('t', search(text), 10))?.map((d) => d.fields.customer?.companyName);
      assert.deepEqual(await names('volv'), ['AB Volvo Cars'], 'a word’s start; a draft is not listed');
      assert.deepEqual(await names('volvo cars'), ['AB Volvo Cars']);
      assert.deepEqual(await names('saab'), ['Saab AB']);
      assert.deepEqual(await names(`D-${volvo.id.slice(0, 4)}`), ['AB Volvo Cars'], 'a reference’s start');
      assert.deepEqual(await names('scania'), []);
      assert.equal(await repo.searchRegistered('t', search('ab'), 10), undefined, 'too short a word: the caller reads the tenant');
      // Renamed on an update: found by the new name only.
      await repo.update('t', saab.id, (d) => ({
        deal: { ...d, version: d.version + 1, fields: { ...d.fields, customer: { ...d.fields.customer!, companyName: 'Scania CV AB' } } },
        result: null,
      }));
      assert.deepEqual(await names('scania'), ['Scania CV AB']);
      assert.deepEqual(await names('saab'), []);
    });

    it('lists a search word in at most MAX_SEARCH_ENTRIES deals, then answers through another word', async () => {
      const repo = new DealRepository(await connect(`search-cap-${randomUUID().slice(0, 8)}`));
      const key = 'search/t/n4%3Akund/0';
      await repo.indexes.apply([
        { key, change: () => Array.from({ length: 3 }, (_, i) => ({ id: `d${i}`, at: '2026-01-01', version: 1, n: `kund${i}` })) },
      ]);
      await repo.indexes.apply([{ key, change: addingCapped({ id: 'd9', at: '2026-01-02', version: 1, n: 'kund9' }, 3) }]);
      assert.deepEqual(
        (await repo.indexes.entries(key)).map((e) => e.id),
        [FULL],
      );
      await repo.create(seededDeal({ tenantId: 't', ownerId: 'o', status: 'in_review', companyName: 'Kund 12345', minutesAgo: 1 }));
      await repo.ensureSearchIndex('t');
      assert.equal(await repo.searchRegistered('t', { text: 'kund', statuses: [] }, 10), undefined, 'only a full word: read the tenant');
      assert.equal((await repo.searchRegistered('t', { text: 'kund 1234', statuses: [] }, 10))?.length, 1);
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

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { systemClock } from '../../src/clock.js';
import type { Deal } from '../../src/domain/deal.js';
import { ConversationRefs } from '../../src/store/conversation-refs.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { DeskRepository } from '../../src/store/desk-repository.js';
import { openStore } from '../../src/store/open.js';
import { SolutionsRepository } from '../../src/store/solutions-repository.js';
import { seededDeal } from '../support/seed.js';
import { seedPartnerStore, storeCommand } from '../support/store-command.js';
import { tempStoreUrl } from '../support/temp-store.js';

const seedOne = (n: number) =>
  seededDeal({ tenantId: 'tenant-live', ownerId: `owner-${n % 7}`, status: 'in_review', companyName: `Live ${n} AB`, minutesAgo: 0 });

/** A store that reads as the source did: pages, the desk's queue, the outbox, references, settings. */
async function assertServesLikeTheSource(url: string, deals: readonly Deal[]): Promise<void> {
  const docs = await openStore(url, { clock: systemClock });
  try {
    const repo = new DealRepository(docs);
    // An owner's page, newest change first (the seeded deals changed one minute apart, later ones earlier).
    const owner = deals.filter((d) => d.tenantId === 'tenant-0' && d.ownerId === 'owner-0' && d.status === 'in_review');
    const page = await repo.ownerPage('tenant-0', 'owner-0', ['in_review'], { limit: 100 });
    assert.deepEqual(
      page.deals.map((d) => d.id),
      owner.map((d) => d.id),
    );
    // The desk's queue, paged with a cursor: every deal in review once.
    const seen: string[] = [];
    let cursor: Parameters<typeof repo.queuePage>[2]['older'];
    do {
      const queue = await repo.queuePage('tenant-1', 'in_review', { limit: 7, older: cursor });
      seen.push(...queue.deals.map((d) => d.id));
      cursor = queue.hasOlder ? queue.olderCursor : undefined;
    } while (cursor);
    const inReview = deals.filter((d) => d.tenantId === 'tenant-1' && d.status === 'in_review').map((d) => d.id);
    assert.deepEqual([...seen].sort(), [...inReview].sort(), 'the queue pages through each deal once');
    // The outbox: every deal owing a notice is listed for the worker.
    const owing = new Set((await repo.owing()).deals.map((d) => d.dealId));
    for (const deal of deals.filter((d) => d.outbox.length > 0)) assert.ok(owing.has(deal.id), `${deal.id} owes its notice`);
    assert.equal(owing.size, deals.filter((d) => d.outbox.length > 0).length);
    // What is not a deal came along too.
    assert.equal((await new ConversationRefs(docs).get('tenant-2', 'owner-39'))?.conversationId, 'a:2-39');
    assert.deepEqual(await new SolutionsRepository(docs).get('tenant-1'), [{ id: 's-1', name: 'Solution 1' }]);
    assert.deepEqual((await new DeskRepository(docs).get('tenant-0')).rules, []);
  } finally {
    await docs.close();
  }
}

/**
 * `npm run store` from SQLite to `targetName`: copy (and its refusal, resumption and verification), and
 * backup and restore. `target()` gives a new, empty store URL for each test.
 */
export function storeCommandSuite(targetName: string, target: () => Promise<string>, deals = 300, sourceUrl = tempStoreUrl): void {
  describe(`npm run store: SQLite to ${targetName}`, function () {
    this.timeout(180_000);
    let source: string;
    let seeded: Deal[];
    before(async () => {
      source = sourceUrl();
      const docs = await openStore(source, { clock: systemClock });
      seeded = await seedPartnerStore(docs, deals);
      await docs.close();
    });

    it(`copies ${deals.toLocaleString('en')} deals in three tenants and every status, rebuilds the indexes, and proves it`, async () => {
      const to = await target();
      const copied = await storeCommand(['copy', '--from', source, '--to', to]);
      assert.equal(copied.code, 0, copied.err);
      assert.match(copied.out, new RegExp(`Verified: ${deals.toLocaleString('en')} deals in 3 tenants`));
      await assertServesLikeTheSource(to, seeded);
      const again = await storeCommand(['copy', '--from', source, '--to', to]);
      assert.equal(again.code, 3, 'a store with data is not written over');
      assert.match(again.err, /already holds data.*--force/);
      assert.equal((await storeCommand(['copy', '--from', source, '--to', to, '--force'])).code, 0);
    });

    it('a copy stopped half way runs again to the end', async () => {
      const to = await target();
      const stopped = await storeCommand(['copy', '--from', source, '--to', to], {
        onLine: (line, kill) => {
          if (/copied 100\b/.test(line) || /copied [0-9,]+ documents/.test(line)) kill();
        },
      });
      assert.notEqual(stopped.code, 0, 'killed');
      const resumed = await storeCommand(['copy', '--from', source, '--to', to]);
      assert.equal(resumed.code, 0, resumed.err);
      assert.match(resumed.out, /unfinished copy or restore of this same source: carrying on/);
      await assertServesLikeTheSource(to, seeded);
    });

    it('a target changed after the copy fails verification, naming the deal', async () => {
      const to = await target();
      assert.equal((await storeCommand(['copy', '--from', source, '--to', to])).code, 0);
      const docs = await openStore(to, { clock: systemClock });
      const victim = seeded[7]!;
      await new DealRepository(docs).update(victim.tenantId, victim.id, (d) => ({ deal: { ...d, ownerName: 'Mallory' }, result: null }));
      await docs.close();
      const checked = await storeCommand(['verify', '--from', source, '--to', to]);
      assert.equal(checked.code, 1);
      assert.match(checked.out, new RegExp(`deal/${victim.tenantId}/${victim.id}: content differs`));
    });

    it('refuses a source in use by a running Dealbot', async () => {
      const docs = await openStore(source, { clock: systemClock });
      await docs.put('instance/host-1%3A4242', { since: new Date().toISOString() }, 30_000);
      try {
        const refused = await storeCommand(['copy', '--from', source, '--to', await target()]);
        assert.equal(refused.code, 3);
        assert.match(refused.err, /in use by a running Dealbot \(host-1:4242\): stop it first/);
      } finally {
        await docs.remove('instance/host-1%3A4242');
        await docs.close();
      }
    });

    it(`backs up to one compressed file and restores it, verified, from SQLite and from ${targetName}; a cut file restores nothing`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dealbot-backup-'));
      const file = join(dir, 'dealbot.backup.jsonl.gz');
      const backedUp = await storeCommand(['backup', file], { env: { STORE_URL: source } });
      assert.equal(backedUp.code, 0, backedUp.err);
      const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
      assert.deepEqual(JSON.parse(lines[0]!).format, 'dealbot-store-backup');
      assert.equal(JSON.parse(lines.at(-1)!).rows, lines.length - 2);
      const to = await target();
      const restored = await storeCommand(['restore', file, '--to', to]);
      assert.equal(restored.code, 0, restored.err);
      assert.match(restored.out, new RegExp(`Verified: ${deals.toLocaleString('en')} deals`));
      await assertServesLikeTheSource(to, seeded);
      // And back: a backup of the restored store restores again, as the first did.
      const again = join(dir, `from-${targetName}.jsonl.gz`);
      assert.equal((await storeCommand(['backup', again, '--from', to])).code, 0);
      const twice = await target();
      const restoredAgain = await storeCommand(['restore', again, '--to', twice]);
      assert.equal(restoredAgain.code, 0, restoredAgain.err);
      await assertServesLikeTheSource(twice, seeded);

      const cut = join(dir, 'cut.jsonl.gz');
      writeFileSync(cut, gzipSync(lines.slice(0, -20).join('\n')));
      const empty = await target();
      const refused = await storeCommand(['restore', cut, '--to', empty]);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /incomplete/);
      const docs = await openStore(empty, { clock: systemClock });
      assert.equal((await new DealRepository(docs).get(seeded[0]!.tenantId, seeded[0]!.id)) === undefined, true, 'nothing restored');
      await docs.close();
    });

    it('a restore checks every record before writing a byte; --force replaces; another file does not carry on', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dealbot-restore-'));
      const file = join(dir, 'good.jsonl.gz');
      assert.equal((await storeCommand(['backup', file, '--from', source])).code, 0);
      const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
      const rowAt = (prefix: string) => lines.findIndex((l) => l.includes(`"key":"${prefix}`));
      const withLine = (name: string, index: number, change: (row: { key: string; raw: string }) => string) => {
        const copy = [...lines];
        copy[index] = change(JSON.parse(copy[index]!) as { key: string; raw: string });
        const path = join(dir, name);
        writeFileSync(path, gzipSync(copy.join('\n')));
        return path;
      };
      const rawWith = (row: { key: string; raw: string }, value: (v: Record<string, unknown>) => unknown) => {
        const stored = JSON.parse(row.raw) as { value: Record<string, unknown> };
        return JSON.stringify({ key: row.key, raw: JSON.stringify({ ...stored, value: value(stored.value) }) });
      };
      const bad = {
        'not JSON': withLine('not-json.gz', rowAt('deal/'), (row) => JSON.stringify({ key: row.key, raw: '{"value": nope' })),
        desk: withLine('desk.gz', rowAt('desk/'), (row) => rawWith(row, (v) => ({ ...v, rules: 'all of them' }))),
        catalogue: withLine('catalogue.gz', rowAt('solutions/'), (row) => rawWith(row, () => ({ solutions: [{ name: 'no id' }] }))),
        'another tenant': withLine('tenant.gz', rowAt('deal/tenant-0/'), (row) => rawWith(row, (v) => ({ ...v, tenantId: 'tenant-1' }))),
      };
      for (const [what, path] of Object.entries(bad)) {
        const to = await target();
        const refused = await storeCommand(['restore', path, '--to', to]);
        assert.equal(refused.code, 1, `${what}: ${refused.out}`);
        assert.match(refused.err, /cannot be restored; nothing was written/, what);
        const docs = await openStore(to, { clock: systemClock });
        let rows = 0;
        for await (const page of docs.scan()) rows += page.length;
        await docs.close();
        assert.equal(rows, 0, `${what}: not a byte written`);
      }

      // A target holding other data: --force replaces it, nothing of it is left.
      const to = await target();
      const docs = await openStore(to, { clock: systemClock });
      const stray = seededDeal({ tenantId: 'tenant-stray', ownerId: 'o', status: 'in_review', companyName: 'Stray AB', minutesAgo: 1 });
      await new DealRepository(docs).create(stray);
      await docs.close();
      const forced = await storeCommand(['restore', file, '--to', to, '--force']);
      assert.equal(forced.code, 0, forced.err);
      const after = await openStore(to, { clock: systemClock });
      assert.equal(await new DealRepository(after).get('tenant-stray', stray.id), undefined, 'replaced, not merged');
      await after.close();

      // A restore stopped half way is carried on only from the same file.
      const half = await target();
      const stopped = await storeCommand(['restore', file, '--to', half], {
        onLine: (line, kill) => {
          if (/restored [0-9,]+ documents/.test(line)) kill();
        },
      });
      assert.notEqual(stopped.code, 0);
      const other = join(dir, 'other.jsonl.gz');
      const otherSource = sourceUrl();
      const small = await openStore(otherSource, { clock: systemClock });
      await new DealRepository(small).create(seedOne(1));
      await small.close();
      assert.equal((await storeCommand(['backup', other, '--from', otherSource])).code, 0);
      const mixed = await storeCommand(['restore', other, '--to', half]);
      assert.equal(mixed.code, 3);
      assert.match(mixed.err, /unfinished copy or restore of backup .*good\.jsonl\.gz/);
      const same = await storeCommand(['restore', file, '--to', half]);
      assert.equal(same.code, 0, same.err);
      await assertServesLikeTheSource(half, seeded);
    });

    it('a backup taken while deals are being written is a snapshot of one moment', async () => {
      const url = sourceUrl();
      const docs = await openStore(url, { clock: systemClock });
      const repo = new DealRepository(docs);
      // Deals written one after another: a snapshot holds the first n of them, for some n, and no later one.
      let writing = true;
      const written: string[] = [];
      const writer = (async () => {
        for (let n = 0; writing; n++) {
          const deal = seedOne(n);
          await repo.create(deal);
          written.push(deal.id);
        }
      })();
      while (written.length < 50) await new Promise((r) => setTimeout(r, 10));
      const file = join(mkdtempSync(join(tmpdir(), 'dealbot-backup-')), 'live.jsonl.gz');
      const backedUp = await storeCommand(['backup', file, '--from', url]);
      writing = false;
      await writer;
      await docs.close();
      assert.equal(backedUp.code, 0, backedUp.err);
      const inFile = new Set(
        gunzipSync(readFileSync(file))
          .toString('utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { key?: string })
          .filter((r) => r.key?.startsWith('deal/'))
          .map((r) => r.key!.split('/')[2]),
      );
      const n = inFile.size;
      assert.ok(n >= 50 && n <= written.length, `${n} of ${written.length}`);
      assert.deepEqual(
        written.slice(0, n).filter((id) => !inFile.has(id)),
        [],
        'no gap: the first n deals, all of them',
      );
      const restored = await storeCommand(['restore', file, '--to', await target()]);
      assert.equal(restored.code, 0, restored.err);
    });

    it('answers bad arguments with what to write, never a stack trace', async () => {
      const bad = await storeCommand(['copy', '--from', 'mysql://x', '--to', await target()]);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /from: must be sqlite:\/\/<file>/);
      assert.match(bad.err, /usage:/);
      assert.doesNotMatch(bad.err, /\n\s+at /);
    });

    it('a restore of a missing file, or a backup into a missing folder, fails in one line that names it', async () => {
      const missing = join(tmpdir(), `dealbot-no-such-${process.pid}.ndjson.gz`);
      const restore = await storeCommand(['restore', missing, '--to', await target()]);
      assert.notEqual(restore.code, 0);
      assert.equal(restore.err.trim(), `There is no backup file ${missing}: name one that \`npm run store -- backup\` wrote.`);
      const folder = join(tmpdir(), `dealbot-no-such-folder-${process.pid}`);
      const backup = await storeCommand(['backup', join(folder, 'b.ndjson.gz'), '--from', await target()]);
      assert.notEqual(backup.code, 0);
      assert.equal(backup.err.trim(), `The folder ${folder} does not exist: create it, or name a file in a folder that does.`);
      assert.doesNotMatch(backup.err, /\.partial/);
    });
  });
}

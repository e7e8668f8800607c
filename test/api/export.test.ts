import assert from 'node:assert/strict';
import { get } from 'node:http';
import { parse } from 'csv-parse/sync';
import type { Deal } from '../../src/domain/deal.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { StoreUnavailableError } from '../../src/store/documents.js';
import { API_KEYS_ENV, KEYS } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { eventually } from '../support/eventually.js';
import { seed, seededDeal } from '../support/seed.js';

const TENANT = 'tenant-contoso';

describe('GET /api/v1/deals/export: the tenant’s deals as CSV', () => {
  let bot: BotUnderTest;
  const deals: Deal[] = [];
  before(async () => {
    bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV }).start();
    const repo = new DealRepository(bot.bot.store);
    const names = ['Göteborgs Energi AB', '=HYPERLINK("http://evil.example","click")', 'Smörgås & Co, "Nord"', '@SUM(1)', 'Plain AB'];
    for (const [i, companyName] of names.entries()) {
      const status = i % 2 === 0 ? 'in_review' : 'approved';
      const deal = seededDeal({ tenantId: TENANT, ownerId: `owner-${i}`, status, companyName, minutesAgo: i * 60 * 24 * 3 });
      await repo.create(deal);
      deals.push(deal);
    }
    await repo.create(
      seededDeal({ tenantId: 'tenant-fabrikam', ownerId: 'x', status: 'in_review', companyName: 'Other Tenant AB', minutesAgo: 1 }),
    );
  });
  after(async () => bot.stop());

  const exportCsv = (query = '', key: string = KEYS.reviewer) =>
    fetch(`${bot.url}/api/v1/deals/export${query}`, { headers: { authorization: `Bearer ${key}` } });
  const rowsOf = async (res: Response) => {
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
    const text = bytes.toString('utf8');
    assert.ok(text.includes('\r\n'), 'CRLF line ends (RFC 4180)');
    return parse(text, { bom: true, columns: true }) as Record<string, string>[];
  };

  it('streams one row per deal of the tenant, read back by a CSV parser exactly', async () => {
    const res = await exportCsv();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="deals-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = await rowsOf(res);
    assert.equal(rows.length, deals.length, 'the other tenant’s deal is not there');
    for (const deal of deals) {
      const row = rows.find((r) => r.Id === deal.id)!;
      assert.equal(row.Status, deal.status);
      assert.equal(row['Total value'], deal.fields.value!.totalValue);
      assert.equal(row['Contact email'], deal.fields.contact!.email);
      assert.equal(row['Last change'], deal.updatedAt);
    }
    const names = rows.map((r) => r.Customer).sort();
    assert.deepEqual(names, [
      '\'=HYPERLINK("http://evil.example","click")',
      "'@SUM(1)",
      'Göteborgs Energi AB',
      'Plain AB',
      'Smörgås & Co, "Nord"',
    ]);
    assert.ok(
      rows.every((r) => !/^[=+\-@]/.test(r['Contact phone'] ?? '')),
      'a phone number "+46…" cannot start a formula either',
    );
  });

  it('filters by status and by the day of the last change', async () => {
    assert.deepEqual(
      (await rowsOf(await exportCsv('?status=approved'))).map((r) => r.Status),
      ['approved', 'approved'],
    );
    const today = new Date().toISOString().slice(0, 10);
    const recent = await rowsOf(await exportCsv(`?from=${today}&to=${today}`));
    assert.deepEqual(
      recent.map((r) => r.Customer),
      ['Göteborgs Energi AB'],
    );
    const both = await rowsOf(await exportCsv('?status=in_review&status=approved'));
    assert.equal(both.length, deals.length);
  });

  it('refuses bad filters with a problem naming them, and keys of other roles', async () => {
    const bad = await exportCsv('?from=yesterday');
    assert.equal(bad.status, 400);
    assert.ok(((await bad.json()) as { errors: Record<string, string> }).errors.from);
    assert.equal((await exportCsv('?from=2026-12-02&to=2026-12-01')).status, 400);
    assert.equal((await exportCsv('?status=lost')).status, 400);
    assert.equal((await exportCsv('', KEYS.integration)).status, 403);
    assert.equal((await exportCsv('', KEYS.admin)).status, 403);
  });

  it('repeats no row for a status named twice', async () => {
    const twenty = Array(20).fill('status=approved').join('&');
    assert.equal((await rowsOf(await exportCsv(`?${twenty}`))).length, 2);
  });

  it('makes every part after a ";" inert too, for Excel in Nordic locales', async () => {
    const deal = await seed(new DealRepository(bot.bot.store), {
      tenantId: TENANT,
      ownerId: 'owner-x',
      status: 'declined',
      companyName: 'Acme;=1+2;  @SUM(A1);-3',
      minutesAgo: 1,
    });
    const row = (await rowsOf(await exportCsv('?status=declined'))).find((r) => r.Id === deal.id)!;
    assert.equal(row.Customer, "Acme;'=1+2;  '@SUM(A1);'-3");
  });

  it('never shows the desk a draft that was never registered (it holds a contact), as Teams does not', async () => {
    const repo = new DealRepository(bot.bot.store);
    const draft = seededDeal({ tenantId: TENANT, ownerId: 'owner-d', status: 'incomplete', companyName: 'Draft AB', minutesAgo: 1 });
    await repo.create(draft);
    const all = await rowsOf(await exportCsv());
    assert.ok(!all.some((r) => r.Id === draft.id));
    assert.deepEqual(await rowsOf(await exportCsv('?status=incomplete')), []);
    const headers = { authorization: `Bearer ${KEYS.reviewer}` };
    const listed = (await (await fetch(`${bot.url}/api/v1/deals?status=incomplete`, { headers })).json()) as { deals: unknown[] };
    assert.deepEqual(listed.deals, []);
    assert.equal((await fetch(`${bot.url}/api/v1/deals/${draft.id}`, { headers })).status, 404);
  });
});

describe('exports that take long, fail or are left', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV }).start();
    const repo = new DealRepository(bot.bot.store);
    for (let i = 0; i < 1600; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          repo.create(
            seededDeal({
              tenantId: TENANT,
              ownerId: `o-${(i + j) % 30}`,
              status: 'in_review',
              companyName: `Customer ${i + j} AB`,
              minutesAgo: i + j,
            }),
          ),
        ),
      );
    }
  });
  after(async () => bot.stop());

  /** An export whose body is not read: it stays open, held by backpressure, until `stop()`. */
  function heldExport(
    key: string = KEYS.reviewer,
  ): Promise<{ status: number; stop: () => void; resume: () => void; ended: Promise<'end' | 'error'> }> {
    return new Promise((resolve, reject) => {
      const req = get(`${bot.url}/api/v1/deals/export`, { headers: { authorization: `Bearer ${key}` }, agent: false }, (res) => {
        res.pause();
        const ended = new Promise<'end' | 'error'>((done) => {
          res.on('end', () => done('end'));
          res.on('error', () => done('error'));
          res.on('aborted', () => done('error'));
        });
        resolve({ status: res.statusCode!, stop: () => req.destroy(), resume: () => res.resume(), ended });
      });
      req.on('error', () => {});
      req.on('response', () => {}).on('error', reject);
    });
  }

  it('runs two per key and four per tenant at once; one more is told to wait (429, Retry-After)', async () => {
    const first = await heldExport(KEYS.reviewer);
    const second = await heldExport(KEYS.reviewer);
    assert.deepEqual([first.status, second.status], [200, 200]);
    const third = await fetch(`${bot.url}/api/v1/deals/export`, { headers: { authorization: `Bearer ${KEYS.reviewer}` } });
    assert.equal(third.status, 429);
    assert.ok(Number(third.headers.get('retry-after')) > 0);
    const otherKey = await heldExport(KEYS.reviewerNext);
    assert.equal(otherKey.status, 200, 'another key of the tenant still may');
    for (const held of [first, second, otherKey]) held.stop();
    // Each left export is audited as aborted, and its slot comes back.
    await eventually(
      async () => bot.logs.lines.filter((l) => l.includes('deals export aborted')).length >= 3,
      20_000,
      'audited as aborted',
    );
    await eventually(
      async () => (await fetch(`${bot.url}/api/v1/deals/export`, { headers: { authorization: `Bearer ${KEYS.reviewer}` } })).status === 200,
      20_000,
      'slots released',
    );
  });

  it('a store failing part way ends the answer visibly, and the audit log says it failed', async () => {
    const held = await heldExport(KEYS.reviewer);
    assert.equal(held.status, 200);
    // The store fails while the export waits for the client: its next read fails (a fault injected in the
    // store's reads, as a backend that stopped answering would).
    const store = bot.bot.store;
    const { read, readMany } = store;
    const failing = () => Promise.reject(new StoreUnavailableError('read', new Error('injected')));
    Object.assign(store, { read: failing, readMany: failing });
    try {
      held.resume();
      assert.equal(await Promise.race([held.ended, new Promise((r) => setTimeout(() => r('still open'), 30_000))]), 'error');
    } finally {
      Object.assign(store, { read, readMany });
    }
    assert.ok(bot.logs.lines.some((l) => l.includes('deals export failed')));
  });
});

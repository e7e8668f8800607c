import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { Deal } from '../../src/domain/deal.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { API_KEYS_ENV, KEYS } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { seededDeal } from '../support/seed.js';

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
});

import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config.js';
import { notification } from '../../src/domain/outbox.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { seededDeal } from '../support/seed.js';
import { tempStoreUrl } from '../support/temp-store.js';

const TENANT = 'tenant-contoso';
const DAY_MINUTES = 24 * 60;

describe('RETENTION_CLOSED', () => {
  const bots: BotUnderTest[] = [];
  after(async () => Promise.all(bots.map((b) => b.stop())));

  it('deletes closed deals past the period with their index entries, once, with two instances scanning', async () => {
    const env = { STORE_URL: tempStoreUrl(), RETENTION_CLOSED: 'P30D' };
    for (let i = 0; i < 2; i++) bots.push(await new BotUnderTest(env).start());
    const [one, two] = bots as [BotUnderTest, BotUnderTest];
    const repo = new DealRepository(one.bot.store);
    const deal = (status: 'approved' | 'declined' | 'in_review', days: number, name: string) =>
      seededDeal({ tenantId: TENANT, ownerId: 'owner-1', status, companyName: name, minutesAgo: days * DAY_MINUTES });
    const old = [deal('approved', 40, 'Old Approved AB'), deal('declined', 31, 'Old Declined AB')];
    const kept = [deal('approved', 10, 'Recent AB'), deal('in_review', 90, 'Still Waiting AB')];
    const owing = deal('declined', 60, 'Not Yet Told AB');
    for (const d of [...old, ...kept]) await repo.create(d);
    await repo.create({ ...owing, outbox: [notification('status_changed', owing, owing.updatedAt, { from: 'in_review' })] });

    await Promise.all([one.bot.retention!.runNow(), two.bot.retention!.runNow()]);

    for (const d of old) assert.equal(await repo.get(TENANT, d.id), undefined, `${d.fields.customer?.companyName} deleted`);
    for (const d of [...kept, owing]) assert.ok(await repo.get(TENANT, d.id), `${d.fields.customer?.companyName} kept`);
    const listed = [
      ...(await repo.ownerPage(TENANT, 'owner-1', ['approved', 'declined', 'in_review'], { limit: 50 })).deals,
      ...(await repo.queuePage(TENANT, 'approved', { limit: 50 })).deals,
    ].map((d) => d.id);
    for (const d of old) assert.ok(!listed.includes(d.id));
    const entries = (await repo.entriesInStatuses(TENANT, ['approved', 'declined'])).map((e) => e.id);
    for (const d of old) assert.ok(!entries.includes(d.id), 'no index entry left behind');
    const deletions = [...one.logs.lines, ...two.logs.lines]
      .filter((l) => /past RETENTION_CLOSED deleted/.test(l))
      .reduce((n, l) => n + (JSON.parse(l) as { deals: number }).deals, 0);
    assert.equal(deletions, old.length, 'each deleted once, by one of the two');
  });

  it('is off by default, and a bad value names the setting', () => {
    assert.equal(parseConfig({}).retentionClosedMs, undefined);
    assert.equal(parseConfig({ RETENTION_CLOSED: 'P400D' }).retentionClosedMs, 400 * 86_400_000);
    assert.throws(() => parseConfig({ RETENTION_CLOSED: 'a year' }), /RETENTION_CLOSED/);
  });
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { systemClock } from '../../src/clock.js';
import { Deal } from '../../src/domain/deal.js';
import { ConversationRefs } from '../../src/store/conversation-refs.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { DeskRepository } from '../../src/store/desk-repository.js';
import type { Documents } from '../../src/store/documents.js';
import { openStore } from '../../src/store/open.js';
import { currentVersion, RECORD_STEPS, recordKindOf, upgraded, versionOf } from '../../src/store/schema-versions.js';
import { SolutionsRepository } from '../../src/store/solutions-repository.js';
import { UserDirectory } from '../../src/store/user-directory.js';
import { UserLanguages } from '../../src/store/user-languages.js';
import { storeCommand } from '../support/store-command.js';
import { tempStoreUrl } from '../support/temp-store.js';

const DIR = new URL('../fixtures/documents/v0/', import.meta.url);
/** Today's documents as they were stored before they carried a version (version 0). */
const fixtures = readdirSync(DIR).map((f) => JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as { key: string; value: unknown });

/** Writes a fixture as the store held it: keyv's row, no version. */
async function storeAsVersion0(docs: Documents): Promise<void> {
  for (const f of fixtures) await docs.putRaw({ key: f.key, raw: JSON.stringify({ value: f.value, expires: null }) });
}

describe('document versions', () => {
  let url: string;
  let docs: Documents;
  beforeEach(async () => {
    url = tempStoreUrl();
    docs = await openStore(url, { clock: systemClock });
    await storeAsVersion0(docs);
  });
  afterEach(async () => docs.close());

  it('has a version-0 fixture of every record kind the bot writes', () => {
    const kinds = new Set(fixtures.map((f) => recordKindOf(f.key)));
    for (const kind of ['deal', 'desk', 'ref', 'solutions', 'referral', 'recent-currencies', 'user-language', 'user-email'] as const) {
      assert.ok(kinds.has(kind), kind);
    }
  });

  it('reads every version-0 fixture as version 1 through the repositories, unchanged in meaning', async () => {
    const deal = fixtures.find((f) => f.key.startsWith('deal/'))!;
    const stored = await new DealRepository(docs).get('tenant-fixture', (deal.value as Deal).id);
    assert.deepEqual(stored, Deal.parse(deal.value));
    assert.deepEqual(await new SolutionsRepository(docs).get('tenant-fixture'), [{ id: 'azure-migrate', name: 'Azure Migrate' }]);
    assert.equal((await new ConversationRefs(docs).get('tenant-fixture', 'owner-1'))?.conversationId, 'a:1');
    assert.deepEqual((await new DeskRepository(docs).get('tenant-fixture')).rules, []);
    assert.equal(await new UserDirectory(docs).byEmail('tenant-fixture', 'anna@contoso.se'), 'owner-1');
    assert.equal(await new UserLanguages(docs).of('tenant-fixture', 'owner-1'), 'sv-SE');
    assert.deepEqual(await new DealRepository(docs).recentCurrencies('tenant-fixture'), ['SEK', 'EUR']);
    for (const f of fixtures) {
      const read = await docs.read(f.key);
      assert.equal(versionOf(read?.value), currentVersion(recordKindOf(f.key)!), f.key);
    }
  });

  it('npm run store -- upgrade rewrites every record in its current shape, and a second run finds none', async () => {
    await docs.close();
    const first = await storeCommand(['upgrade', '--store', url]);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, new RegExp(`Upgraded ${fixtures.length} of ${fixtures.length} records`));
    docs = await openStore(url, { clock: systemClock });
    for await (const page of docs.scan()) {
      for (const row of page) {
        const kind = recordKindOf(row.key);
        if (kind) assert.equal(versionOf(JSON.parse(row.raw).value), currentVersion(kind), row.key);
      }
    }
    await docs.close();
    const second = await storeCommand(['upgrade', '--store', url]);
    assert.match(second.out, new RegExp(`Upgraded 0 of ${fixtures.length} records`));
    docs = await openStore(url, { clock: systemClock });
  });

  it('writes the current version, and upgrades step by step', async () => {
    await new UserLanguages(docs).remember('t', 'u', 'en-GB');
    const row = (await docs.read<{ schemaVersion: number }>('user-language/t/u'))!;
    assert.equal(row.value.schemaVersion, 1);
    // Version 0 of a catalogue was the bare list; version 1 an object carrying it.
    assert.deepEqual(upgraded('solutions', [{ id: 'a', name: 'A' }]), { solutions: [{ id: 'a', name: 'A' }], schemaVersion: 1 });
    assert.ok(Object.values(RECORD_STEPS).every((steps) => steps.length >= 1));
  });

  it('refuses a record from a newer release, loudly, and leaves it exactly as stored', async () => {
    const repo = new DealRepository(docs);
    const fixture = fixtures.find((f) => recordKindOf(f.key) === 'deal')!;
    const raw = JSON.stringify({ value: { ...(fixture.value as object), schemaVersion: 9, addedLater: { keep: 'me' } }, expires: null });
    await docs.putRaw({ key: fixture.key, raw });
    const [, tenantId, dealId] = fixture.key.split('/').map(decodeURIComponent);
    await assert.rejects(repo.get(tenantId!, dealId!), (e: Error) => e.name === 'StoreUnavailableError' && /newer release/.test(e.message));
    const approve = await repo
      .update(tenantId!, dealId!, (d) => ({ deal: { ...d, version: d.version + 1 }, result: null }))
      .catch((e: Error) => e);
    assert.ok(approve instanceof Error, 'no write goes through it');
    let stored: string | undefined;
    for await (const rows of docs.scan()) for (const row of rows) if (row.key === fixture.key) stored = row.raw;
    assert.equal(stored, raw, 'the newer record is kept byte for byte');
  });
});

import assert from 'node:assert/strict';
import { systemClock } from '../../src/clock.js';
import type { Deal } from '../../src/domain/deal.js';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';
import type { User } from '../../src/services/user.js';
import { WizardService } from '../../src/services/wizard-service.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { ownerIndexKey } from '../../src/store/keys.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { tempStoreUrl } from '../support/temp-store.js';

const seller: User = {
  tenantId: 't1',
  id: 'u1',
  roles: ['seller'],
  locale: 'en',
  formatLocale: 'en-GB',
  timeZone: 'UTC',
  today: new Date().toISOString().slice(0, 10),
  now: new Date(),
  decimalSeparator: '.',
};

describe('deals on the store', () => {
  let repo: DealRepository;
  let wizard: WizardService;
  let close: () => Promise<void>;
  beforeEach(async () => {
    const docs = await openSqlite(tempStoreUrl(), { clock: systemClock });
    close = () => docs.close();
    repo = new DealRepository(docs);
    wizard = new WizardService({
      deals: repo,
      solutions: async () => [{ id: 's', name: 'S' }],
      policy: PARTNER_CENTER_POLICY,
      routing: async () => [],
      outboxWritten: () => {},
    });
  });
  afterEach(async () => close());

  it('two clicks of one button on one card at once: one writes, the other gets the same answer, nothing is lost', async () => {
    const deal = await wizard.start(seller, {});
    const card = { dealId: deal.id, version: deal.version, step: 'customer' as const };
    const typed = (companyName: string) => ({ companyName, country: 'SE', city: 'Lund' });
    const [firstClick, secondClick] = await Promise.all([
      wizard.next(seller, card, typed('First')),
      wizard.next(seller, card, typed('Second')),
    ]);
    const first = firstClick.ok ? firstClick.value : undefined;
    const second = secondClick.ok ? secondClick.value : undefined;
    const stored = (await repo.get('t1', deal.id))!;
    assert.equal(stored.version, 2, 'written once');
    assert.ok(['First', 'Second'].includes(stored.fields.customer!.companyName));
    assert.equal(second!.shown.deal.version, first!.shown.deal.version, 'the same card for both');
    assert.deepEqual(second!.shown.deal.fields, first!.shown.deal.fields);
    assert.deepEqual(second!.shown.deal.fields, stored.fields);
  });

  it('another button on the same card, after the first click: told the card is stale', async () => {
    const deal = await wizard.start(seller, {});
    const card = { dealId: deal.id, version: deal.version, step: 'customer' as const };
    await wizard.next(seller, card, { companyName: 'First', country: 'SE', city: 'Lund' });
    assert.deepEqual(await wizard.cancel(seller, card, {}), { ok: false, refusal: { code: 'deal.stale_card' } });
  });

  it('concurrent changes that re-apply on conflict all land, in some order', async () => {
    const deal = await wizard.start(seller, {});
    const note = (n: number) => (d: Deal) => ({
      deal: { ...d, version: d.version + 1, history: [...d.history, { ...d.history[0]!, comment: `n${n}` }] },
      result: n,
    });
    await Promise.all(Array.from({ length: 4 }, (_, i) => repo.update('t1', deal.id, note(i))));
    const stored = (await repo.get('t1', deal.id))!;
    assert.equal(stored.version, 5);
    assert.deepEqual(
      stored.history
        .map((h) => h.comment)
        .slice(1)
        .sort(),
      ['n0', 'n1', 'n2', 'n3'],
    );
  });

  it('lists an owner’s deals by status, newest change first, and drops index entries no deal confirms', async () => {
    const first = await wizard.start(seller, {});
    const second = await wizard.start({ ...seller, now: new Date(Date.now() + 1000) }, {});
    // A crash between the index write and the deal write leaves an entry whose deal never came.
    await repo.indexes.upsert(ownerIndexKey('t1', 'u1', 'incomplete'), { id: 'phantom', at: new Date().toISOString(), version: 1 });
    const listed = await repo.listByOwner('t1', 'u1', 'incomplete', 10);
    assert.deepEqual(
      listed.map((d) => d.id),
      [second.id, first.id],
    );
    assert.deepEqual(await repo.listByOwner('t1', 'someone-else', 'incomplete', 10), []);
    assert.deepEqual(await repo.listByOwner('t2', 'u1', 'incomplete', 10), []);
  });

  it('keeps tenants apart even when ids are crafted to look like keys', async () => {
    assert.notEqual(ownerIndexKey('a/b', 'c', 'incomplete'), ownerIndexKey('a', 'b/c', 'incomplete'));
    const deal = await wizard.start(seller, {});
    const notFound = { ok: false, refusal: { code: 'deal.not_found' } };
    assert.deepEqual(await repo.getOwned('t2', 'u1', deal.id), notFound);
    assert.deepEqual(await repo.getOwned('t1', 'u2', deal.id), notFound);
    assert.deepEqual(await repo.getOwned('t1', 'u1', `../${deal.id}`), notFound);
  });
});

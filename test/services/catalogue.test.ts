import assert from 'node:assert/strict';
import { systemClock } from '../../src/clock.js';
import { SolutionCatalogue } from '../../src/services/catalogue.js';
import type { Documents } from '../../src/store/documents.js';
import { SolutionsRepository } from '../../src/store/solutions-repository.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { tempStoreUrl } from '../support/temp-store.js';

const SHIPPED = [{ id: 'shipped', name: 'Shipped with the deployment' }];
const PUT = [{ id: 'desk', name: 'Put by the deal desk' }];

describe('solution catalogue', () => {
  let docs: Documents;
  let reads: number;
  let now: number;
  let failNextRead: boolean;
  let catalogue: SolutionCatalogue;
  /** A catalogue as another instance sees it: the same store, its own memory. */
  let elsewhere: SolutionCatalogue;

  beforeEach(async () => {
    const store = await openSqlite(tempStoreUrl(), { clock: systemClock });
    reads = 0;
    now = 1_000_000;
    failNextRead = false;
    // The real store, with its reads counted and, when asked, failed.
    docs = Object.create(store) as Documents;
    docs.read = async (key) => {
      reads++;
      if (failNextRead) {
        failNextRead = false;
        throw new Error('store unreachable');
      }
      return store.read(key);
    };
    catalogue = new SolutionCatalogue(new SolutionsRepository(docs), SHIPPED, () => new Date(now));
    elsewhere = new SolutionCatalogue(new SolutionsRepository(docs), SHIPPED, () => new Date(now));
  });
  afterEach(() => docs.close());

  it('reads the store once for the turns of the same second', async () => {
    assert.deepEqual(await catalogue.list('t1'), SHIPPED);
    now += 999;
    assert.deepEqual(await catalogue.list('t1'), SHIPPED);
    assert.equal(reads, 1);
    await catalogue.list('t2');
    assert.equal(reads, 2, 'each tenant has its own');
  });

  it('shows a change made through this instance at once, and one made through another within a second', async () => {
    await catalogue.list('t1');
    await elsewhere.list('t1');
    await catalogue.replace('t1', PUT);
    assert.deepEqual(await catalogue.list('t1'), PUT);
    assert.deepEqual(await elsewhere.list('t1'), SHIPPED);
    now += 1000;
    assert.deepEqual(await elsewhere.list('t1'), PUT);
  });

  it('does not keep a failed read: the next turn asks the store again', async () => {
    failNextRead = true;
    await assert.rejects(catalogue.list('t1'), /store unreachable/);
    assert.deepEqual(await catalogue.list('t1'), SHIPPED);
    assert.equal(reads, 2);
  });
});

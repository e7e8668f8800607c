// npm run bench: every figure against a baseline measured in the same run. BENCH_QUICK=1 for a short
// subset (about a minute), BENCH_FULL=1 for the largest sizes, BENCH_PROFILE=DIR to write CPU profiles of
// the bot processes under load (summarize one with `npx tsx bench/profile-summary.ts FILE`).
// Prints a table and writes bench/results.json. Redis and PostgreSQL are included when TEST_REDIS_URL and
// TEST_POSTGRES_URL are set: `bash scripts/with-stores.sh npm run bench` starts throwaway ones.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchExport } from './export.js';
import { benchFootprint } from './footprint.js';
import { benchListing, serverStores, sqliteStores } from './list-pages.js';
import { benchNotifications } from './notifications.js';
import { benchReading } from './reading.js';
import { benchScaleOut } from './scale-out.js';
import { benchIndexedSearch, benchSearch } from './search.js';
import { ms } from './stats.js';
import { benchStoreOps } from './store-ops.js';
import { benchStoreWrites } from './store-writes.js';
import { type Row, table } from './table.js';
import { benchTurns, type Throughput } from './turns.js';

const quick = process.env.BENCH_QUICK === '1';
const full = process.env.BENCH_FULL === '1';
const mode = quick ? 'quick' : full ? 'full' : 'standard';
const profileDir = process.env.BENCH_PROFILE || undefined;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`Dealbot benchmarks (${mode}) on ${machine}\n`);

const began = performance.now();
const perSecond = (n: number) => `${n.toFixed(1)}/s`;
const seconds = (n: number) => `${(n / 1000).toFixed(1)} s`;
const mib = (n: number) => `${n.toFixed(0)} MiB`;
const count = (n: number) => n.toLocaleString('en-US');
const latencies = (t: Throughput) => `p50 ${t.p50} ms, p99 ${t.p99} ms; CPU ${t.cpuMsPerTurn.toFixed(2)} ms a turn`;
const cpuNote = (busy: number, machineMs: number, botMs: number, loadMs: number) =>
  `cores ${(busy * 100).toFixed(0)}% busy; CPU a registration ${machineMs.toFixed(0)} ms: bot ${botMs.toFixed(0)}, load generator ${loadMs.toFixed(0)}, rest ${(machineMs - botMs - loadMs).toFixed(0)}`;
const rows: Row[] = [];
const results: Record<string, unknown> = { machine, mode };

// 1. Turns, against the echo bot.
const turns = await benchTurns({ quick, profileDir });
results.turns = turns;
for (const t of turns) {
  const what = `${t.turn}, ${t.connections} connections`;
  rows.push(
    [`turns: echo bot, ${what} (baseline)`, perSecond(t.echo.perSecond), latencies(t.echo), ''],
    [
      `turns: Dealbot, ${what}`,
      perSecond(t.dealbot.perSecond),
      latencies(t.dealbot),
      `CPU a turn ratio ${(t.dealbot.cpuMsPerTurn / t.echo.cpuMsPerTurn).toFixed(2)}; target <= ${t.turn === 'list' ? '2.5' : '2'}. Throughput ratio ${t.ratio.toFixed(2)}, p99 ratio ${t.p99Ratio.toFixed(1)}`,
    ],
  );
}

// 2 and 4. Listing and store writes, on each backend.
const servers = [
  ['Redis', process.env.TEST_REDIS_URL],
  ['PostgreSQL', process.env.TEST_POSTGRES_URL],
].filter((s): s is [string, string] => Boolean(s[1]));
const backends = [['SQLite', sqliteStores] as const, ...servers.map(([name, url]) => [name, serverStores(url)] as const)];
results.backends = {};
for (const [name, stores] of backends) {
  const listing = await benchListing({ quick, full }, stores);
  const writes = await benchStoreWrites(stores, quick ? 1 : 3);
  (results.backends as Record<string, unknown>)[name] = { listing, writes };
  rows.push(
    [`listing on ${name}: page of 5, 1,000 deals (baseline)`, `p50 ${ms(listing.small.p50)}`, `p99 ${ms(listing.small.p99)}`, ''],
    [
      `listing on ${name}: page of 5, ${count(listing.largeSize)} deals`,
      `p50 ${ms(listing.large.p50)}`,
      `p99 ${ms(listing.large.p99)}`,
      `ratio ${listing.ratioP50.toFixed(2)} (p99 ${listing.ratioP99.toFixed(2)}); target <= 1.2`,
    ],
    [`store on ${name}: plain keyv sets of a deal, 16 writers (baseline)`, perSecond(writes.plainSetsPerSecond), '', ''],
    [
      `store on ${name}: compare-and-set alone (read, conditional write)`,
      perSecond(writes.compareAndSetsPerSecond),
      '',
      `ratio ${(writes.compareAndSetsPerSecond / writes.plainSetsPerSecond).toFixed(2)}`,
    ],
    [
      `store on ${name}: deal writes (compare-and-set and the indexes)`,
      perSecond(writes.dealWritesPerSecond),
      '',
      `ratio ${writes.ratio.toFixed(2)}; no target: the cost of safety`,
    ],
  );
}
if (servers.length === 0) rows.push(['Redis, PostgreSQL: not reachable (bash scripts/with-stores.sh npm run bench)', '', '', '']);

// 3. Notifications under Teams' limits.
const notifications = await benchNotifications({ owners: quick ? 250 : 1000 });
results.notifications = notifications;
rows.push(
  [`notifications: allowed ceiling, Teams' limit per tenant (baseline)`, perSecond(notifications.ceilingPerSecond), '', ''],
  [
    `notifications: ${count(notifications.owners)} owners' deals decided at once`,
    perSecond(notifications.deliveredPerSecond),
    `lag p50 ${seconds(notifications.lagP50Ms)}, p99 ${seconds(notifications.lagP99Ms)}; 429s ${notifications.throttled}`,
    `ratio ${notifications.ratio.toFixed(2)}; target >= 0.9, 429s 0`,
  ],
);

// 3b. The fleet: two instances on one Redis or PostgreSQL, one tenant, sharing Teams' 50/s.
results.fleetNotifications = {};
for (const [name, url] of servers) {
  const fleet = await benchNotifications({ owners: quick ? 250 : 1000, storeUrl: url, instances: 2 });
  (results.fleetNotifications as Record<string, unknown>)[name] = fleet;
  rows.push([
    `notifications on ${name}: two instances, one tenant, ${count(fleet.owners)} owners`,
    perSecond(fleet.deliveredPerSecond),
    `lag p50 ${seconds(fleet.lagP50Ms)}, p99 ${seconds(fleet.lagP99Ms)}; 429s ${fleet.throttled}`,
    `ratio ${fleet.ratio.toFixed(2)} to the tenant's 50/s; target >= 0.9 and <= 1, with 0 × 429`,
  ]);
}

// 3c. Store calls per user action (counted, not timed): the target is fewer, never more.
const ops = await benchStoreOps(quick ? 3 : 10);
results.storeOps = ops;
rows.push(
  [
    'store calls: one wizard step (Next), to the answer',
    ops.wizardStep.toAnswer.toFixed(1),
    '',
    'before #19: 6.2; target 2 (one read, one write)',
  ],
  ['store calls: one API approval, to the answer', ops.apiDecision.toAnswer.toFixed(1), '', 'before #19: 12; target <= 5'],
  [
    'store calls: one API approval, until the outbox settled',
    ops.apiDecision.untilSettled.toFixed(1),
    'the owner notified, the review card updated',
    'before #19: 36.2; target <= 15',
  ],
);

// 3d. The CSV export: rows per second, and the heap while streaming against a tenth of the deals.
const exported = await benchExport(quick ? 20_000 : 100_000);
results.export = exported;
rows.push(
  [`CSV export: ${count(exported.baselineDeals)} deals (baseline)`, `peak heap +${exported.baselinePeakHeapMiB.toFixed(1)} MiB`, '', ''],
  [
    `CSV export: ${count(exported.deals)} deals`,
    perSecond(exported.rowsPerSecond),
    `peak heap +${exported.peakHeapMiB.toFixed(1)} MiB`,
    `heap ratio ${(exported.peakHeapMiB / Math.max(1, exported.baselinePeakHeapMiB)).toFixed(2)} to a tenth of the deals; target <= 1.5 (flat)`,
  ],
);

// 3e. The compose box's search: a seller's stays flat as the tenant grows; a reviewer's grows with the
// tenant, at no more cost per deal. Teams gives a message extension 5 s to answer.
const searched = await benchSearch(quick ? 10_000 : 50_000, quick ? 12 : 40);
results.search = searched;
{
  const { seller, reviewer, deals: big, baselineDeals: small } = searched;
  rows.push(
    [
      `search, a seller's own: tenant of ${count(small)} (baseline)`,
      `p50 ${ms(seller.baseline.p50)}`,
      `p99 ${ms(seller.baseline.p99)}`,
      '',
    ],
    [
      `search, a seller's own: tenant of ${count(big)}`,
      `p50 ${ms(seller.big.p50)}`,
      `p99 ${ms(seller.big.p99)}`,
      `ratio ${(seller.big.p50 / seller.baseline.p50).toFixed(2)}; target <= 1.5 (flat)`,
    ],
    [
      `search, a reviewer's (tenant): ${count(small)} deals (baseline)`,
      `p50 ${ms(reviewer.baseline.p50)}`,
      `p99 ${ms(reviewer.baseline.p99)}`,
      '',
    ],
    [
      `search, a reviewer's (tenant): ${count(big)} deals`,
      `p50 ${ms(reviewer.big.p50)}`,
      `p99 ${ms(reviewer.big.p99)}`,
      `ratio ${(reviewer.big.p50 / reviewer.baseline.p50).toFixed(2)}; target <= 1.5 (flat, the search index)`,
    ],
  );
}
// The reviewer's search on each backend's store alone, 5,000 against 50,000 deals.
results.indexedSearch = {};
for (const [name, stores] of backends) {
  const indexed = await benchIndexedSearch(stores, quick ? 10_000 : 50_000, quick ? 30 : 200);
  (results.indexedSearch as Record<string, unknown>)[name] = indexed;
  rows.push(
    [
      `search index on ${name}: ${count(indexed.baselineDeals)} deals (baseline)`,
      `p50 ${ms(indexed.baseline.p50)}`,
      `p99 ${ms(indexed.baseline.p99)}`,
      '',
    ],
    [
      `search index on ${name}: ${count(indexed.deals)} deals`,
      `p50 ${ms(indexed.big.p50)}`,
      `p99 ${ms(indexed.big.p99)}`,
      `ratio ${(indexed.big.p50 / indexed.baseline.p50).toFixed(2)}; target <= 1.5`,
    ],
  );
}

// 5. Scale-out, on the server backends (SQLite is one file on one machine).
if (!quick) {
  results.scaleOut = {};
  for (const [name, url] of servers) {
    const so = await benchScaleOut(url, 12, profileDir);
    (results.scaleOut as Record<string, unknown>)[name] = so;
    rows.push(
      [
        `registrations on ${name}: one instance (baseline)`,
        perSecond(so.oneInstancePerSecond),
        cpuNote(so.machineBusyOne, so.machineCpuMsPerRegistrationOne, so.botCpuMsPerRegistrationOne, so.loadCpuMsPerRegistrationOne),
        '',
      ],
      [
        `registrations on ${name}: two instances`,
        perSecond(so.twoInstancesPerSecond),
        cpuNote(so.machineBusyTwo, so.machineCpuMsPerRegistrationTwo, so.botCpuMsPerRegistrationTwo, so.loadCpuMsPerRegistrationTwo),
        `ratio ${so.ratio.toFixed(2)}; target >= 1.7`,
      ],
    );
  }
}

// 6. Footprint.
const fp = await benchFootprint(quick ? { deals: 5_000, wizards: 100 } : { deals: 100_000, wizards: 1000 });
results.footprint = fp;
const load = `${count(fp.deals)} deals, ${count(fp.openWizards)} open wizards`;
const memory = (p: typeof fp.echo) => `heap ${mib(p.heapAfterMiB)} after GC, peak ${mib(p.rssPeakMiB)}`;
rows.push(
  [
    'footprint: echo bot, resident memory and start to ready (baseline)',
    mib(fp.echo.rssAfterMiB),
    `${memory(fp.echo)}; ready in ${seconds(fp.echo.readyMs)}`,
    '',
  ],
  [
    'footprint: Dealbot, empty store',
    mib(fp.emptyStore.rssAfterMiB),
    `${memory(fp.emptyStore)}; ready in ${seconds(fp.emptyStore.readyMs)}`,
    `ratio ${(fp.emptyStore.rssAfterMiB / fp.echo.rssAfterMiB).toFixed(2)} (memory), ${(fp.emptyStore.readyMs / fp.echo.readyMs).toFixed(2)} (ready)`,
  ],
  [
    `footprint: Dealbot, ${load}`,
    mib(fp.loaded.rssAfterMiB),
    `${memory(fp.loaded)}; ready in ${seconds(fp.loaded.readyMs)}`,
    `ratio ${fp.rssRatio.toFixed(2)} (memory), ${fp.readyRatio.toFixed(2)} (ready)`,
  ],
);

// 7. Reading deals from files and messages.
const reading = await benchReading(quick);
results.reading = reading;
const worst = Object.entries(reading.fields).sort(([, a], [, b]) => a.precision - b.precision)[0];
rows.push(
  [
    'reading: the win-texts corpus, per field',
    `recall ${reading.recall.toFixed(2)}`,
    `lowest precision ${worst ? `${worst[1].precision.toFixed(2)} (${worst[0]})` : '-'}; ${Object.keys(reading.fields).length} fields`,
    'target: precision >= 0.97 every field, recall >= 0.8',
  ],
  ['reading: a one-page contract PDF (baseline)', ms(reading.onePageMs), 'text layer, then the fields', ''],
  [
    'reading: a ten-page contract PDF',
    ms(reading.tenPagesMs),
    '',
    `ratio ${(reading.tenPagesMs / reading.onePageMs).toFixed(1)} (pages: 10)`,
  ],
);

console.log(table(rows));
console.log(`\n(${seconds(performance.now() - began)})`);
if (profileDir) console.log(`CPU profiles of the bot processes: ${profileDir} (npx tsx bench/profile-summary.ts FILE)`);
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`);
process.exit(0);

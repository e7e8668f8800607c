// npm run bench: every figure against a baseline measured in the same run. BENCH_QUICK=1 for a
// short subset, BENCH_FULL=1 for the largest sizes. Prints a table and writes bench/results.json.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchListing, serverStores } from './list-pages.js';
import { benchScaleOut, type ScaleOutFigures } from './scale-out.js';
import { benchNotifications } from './notifications.js';
import { ms } from './stats.js';

const quick = process.env.BENCH_QUICK === '1';
const full = process.env.BENCH_FULL === '1';

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`Dealbot benchmarks (${quick ? 'quick' : full ? 'full' : 'standard'}) on ${machine}\n`);

const listing = await benchListing({ quick, full });
const notifications = await benchNotifications({ owners: quick ? 250 : 1000 });
const seconds = (n: number) => `${(n / 1000).toFixed(1)} s`;

// The server backends, when reachable: `bash scripts/with-stores.sh npm run bench` starts throwaway ones.
const servers = [
  ['Redis', process.env.TEST_REDIS_URL],
  ['PostgreSQL', process.env.TEST_POSTGRES_URL],
].filter((s): s is [string, string] => Boolean(s[1]));
const backends: { name: string; listing: Awaited<ReturnType<typeof benchListing>>; scaleOut: ScaleOutFigures }[] = [];
for (const [name, url] of servers) {
  backends.push({
    name,
    listing: await benchListing({ quick, full }, serverStores(url)),
    scaleOut: await benchScaleOut(url, quick ? 4 : 10),
  });
}
const rows = [
  ['listing: page of 5, 1,000 deals in store (baseline)', `p50 ${ms(listing.small.p50)}`, `p99 ${ms(listing.small.p99)}`, ''],
  [
    `listing: page of 5, ${listing.largeSize.toLocaleString('en-US')} deals in store`,
    `p50 ${ms(listing.large.p50)}`,
    `p99 ${ms(listing.large.p99)}`,
    `ratio ${listing.ratioP50.toFixed(2)} (p99 ${listing.ratioP99.toFixed(2)}); target <= 1.2`,
  ],
  [`notifications: allowed ceiling, Teams' limit per tenant (baseline)`, `${notifications.ceilingPerSecond}/s`, '', ''],
  [
    `notifications: ${notifications.owners.toLocaleString('en-US')} owners' deals decided at once`,
    `${notifications.deliveredPerSecond.toFixed(1)}/s`,
    `lag p50 ${seconds(notifications.lagP50Ms)}, p99 ${seconds(notifications.lagP99Ms)}; 429s ${notifications.throttled}`,
    `ratio ${notifications.ratio.toFixed(2)}; target >= 0.9, 429s 0`,
  ],
];
for (const { name, listing: l, scaleOut: so } of backends) {
  rows.push(
    [`listing on ${name}: page of 5, 1,000 deals (baseline)`, `p50 ${ms(l.small.p50)}`, `p99 ${ms(l.small.p99)}`, ''],
    [`listing on ${name}: page of 5, ${l.largeSize.toLocaleString('en-US')} deals`, `p50 ${ms(l.large.p50)}`, `p99 ${ms(l.large.p99)}`, `ratio ${l.ratioP50.toFixed(2)} (p99 ${l.ratioP99.toFixed(2)}); target <= 1.2`],
    [`registrations on ${name}: one instance (baseline)`, `${so.oneInstancePerSecond.toFixed(1)}/s`, '', ''],
    [`registrations on ${name}: two instances`, `${so.twoInstancesPerSecond.toFixed(1)}/s`, '', `ratio ${so.ratio.toFixed(2)}; target >= 1.7`],
  );
}
if (servers.length === 0) rows.push(['Redis, PostgreSQL: not reachable (bash scripts/with-stores.sh npm run bench)', '', '', '']);
const width = rows.map((r) => r.map((c) => c.length)).reduce((a, b) => a.map((w, i) => Math.max(w, b[i]!)));
for (const row of rows) console.log(row.map((c, i) => c.padEnd(width[i]!)).join('  '));

writeFileSync(
  new URL('./results.json', import.meta.url),
  `${JSON.stringify({ at: new Date().toISOString(), machine, mode: quick ? 'quick' : full ? 'full' : 'standard', listing, notifications, backends }, null, 2)}\n`,
);

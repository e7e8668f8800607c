// A separate process that increments one document `count` times with compare-and-swap, retrying on
// conflict, and prints how many conflicts it met. Used to race two processes on one store.
import { systemClock } from '../../src/clock.js';
import { openStore } from '../../src/store/open.js';

const [url, key, count, namespace = 'dealbot'] = process.argv.slice(2) as [string, string, string, string?];
const docs = await openStore(url, { clock: systemClock, namespace });
let conflicts = 0;
for (let i = 0; i < Number(count); i++) {
  for (;;) {
    const current = await docs.read<number>(key);
    if (current && (await docs.swap(key, current.token, current.value + 1))) break;
    conflicts++;
  }
}
await docs.close();
process.stdout.write(`${conflicts}\n`);

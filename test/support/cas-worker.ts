// A separate process that increments one document `count` times with compare-and-swap, retrying on
// conflict, and prints how many conflicts it met. Used to race two processes on one store.
import { openSqlite } from '../../src/store/sqlite.js';

const [url, key, count] = process.argv.slice(2) as [string, string, string];
const docs = await openSqlite(url);
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

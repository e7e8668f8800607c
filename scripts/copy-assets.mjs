// The files the compiled bot reads at run time besides its code: the card templates and the sample
// solution catalogue. (The translations are imported JSON, which tsc writes into dist/ itself.)
import { cpSync } from 'node:fs';

for (const dir of ['cards', 'config']) cpSync(dir, `dist/${dir}`, { recursive: true });

// The files the compiled bot reads at run time besides its code: the card templates, the sample solution
// catalogue and the languages' catalogues (read by locale, so tsc does not see them as imports).
import { cpSync } from 'node:fs';

for (const dir of ['cards', 'config']) cpSync(dir, `dist/${dir}`, { recursive: true });
cpSync('bot/i18n', 'dist/bot/i18n', { recursive: true, filter: (path) => !path.endsWith('.ts') });

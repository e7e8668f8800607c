// npm run api-key -- <tenantId> <reviewer|integration|admin> [<Entra object id of the person it is for>]
// Prints a new random API key (give it to the caller, once) and the API_KEYS entry that admits it. A key
// for a person acts as that person: four-eyes counts them once however they approve, and their own deals
// are theirs. A key for no one (an integration) cannot give a four-eyes deal its second approval.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ApiRole } from '../src/config.js';

const Args = z.tuple(
  [z.string().regex(/^[^:\s,]+$/, 'a tenant id without ":", "," or spaces'), ApiRole],
  z.string().regex(/^[^:\s,[\]]{1,254}$/, 'an Entra object id (no ":", ",", brackets or spaces)'),
);
const USAGE = `usage: npm run api-key -- <tenantId> <${ApiRole.options.join('|')}> [<Entra object id of the person it is for>]`;
const given = process.argv.slice(2);
if (given.length === 0 || ['help', '--help', '-h'].includes(given[0]!)) {
  process.stderr.write(`${USAGE}\n  for example: npm run api-key -- 72f988bf-86f1-41af-91ab-2d7cd011db47 reviewer\n`);
  process.exit(given.length === 0 ? 2 : 0);
}
const args = Args.safeParse(given);
if (!args.success) {
  // Each argument's own complaint, named by its place: "role: ..." rather than a tuple's size.
  const names = ['tenant id', 'role', 'person'];
  const said = args.error.issues.map((i) => `${names[Number(i.path[0])] ?? 'arguments'}: ${i.message}`);
  process.stderr.write(`${given.length < 2 ? 'name a tenant id and a role' : said.join('; ')}\n${USAGE}\n`);
  process.exit(2);
}
const [tenantId, role, person, ...extra] = args.data;
if (extra.length > 0) {
  process.stderr.write(`one person per key; "${extra.join(' ')}" is more than the usage allows\n`);
  process.exit(2);
}
const key = `dbk_${randomBytes(32).toString('base64url')}`;
const sha256 = createHash('sha256').update(key).digest('hex');
process.stdout.write(`key (give it to the caller; it is not stored anywhere):\n  ${key}\n`);
process.stdout.write(
  `add to API_KEYS (comma-separated; two per tenant and role while rotating):\n  ${tenantId}:${role}:${sha256}${person ? `:${person}` : ''}\n`,
);

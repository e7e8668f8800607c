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
const args = Args.safeParse(process.argv.slice(2));
if (!args.success) {
  process.stderr.write(
    `${args.error.issues.map((i) => i.message).join('; ')}\nusage: npm run api-key -- <tenantId> <${ApiRole.options.join('|')}> [<Entra object id of the person it is for>]\n`,
  );
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

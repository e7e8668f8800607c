// npm run api-key -- <tenantId> <reviewer|integration|admin>
// Prints a new random API key (give it to the caller, once) and the API_KEYS entry that admits it.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ApiRole } from '../src/config.js';

const Args = z.tuple([z.string().regex(/^[^:\s,]+$/, 'a tenant id without ":", "," or spaces'), ApiRole]);
const args = Args.safeParse(process.argv.slice(2));
if (!args.success) {
  process.stderr.write(
    `${args.error.issues.map((i) => i.message).join('; ')}\nusage: npm run api-key -- <tenantId> <${ApiRole.options.join('|')}>\n`,
  );
  process.exit(2);
}
const [tenantId, role] = args.data;
const key = `dbk_${randomBytes(32).toString('base64url')}`;
const sha256 = createHash('sha256').update(key).digest('hex');
process.stdout.write(`key (give it to the caller; it is not stored anywhere):\n  ${key}\n`);
process.stdout.write(`add to API_KEYS (comma-separated; two per tenant and role while rotating):\n  ${tenantId}:${role}:${sha256}\n`);

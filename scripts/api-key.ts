// npm run api-key -- <tenantId> <reviewer|integration>
// Prints a new random API key (give it to the caller, once) and the API_KEYS entry that admits it.
import { createHash, randomBytes } from 'node:crypto';

const [tenantId, role] = process.argv.slice(2);
if (!tenantId || !/^[^:\s,]+$/.test(tenantId) || (role !== 'reviewer' && role !== 'integration')) {
  process.stderr.write('usage: npm run api-key -- <tenantId> <reviewer|integration>\n');
  process.exit(2);
}
const key = `dbk_${randomBytes(32).toString('base64url')}`;
const sha256 = createHash('sha256').update(key).digest('hex');
process.stdout.write(`key (give it to the caller; it is not stored anywhere):\n  ${key}\n`);
process.stdout.write(`add to API_KEYS (comma-separated; two per tenant and role while rotating):\n  ${tenantId}:${role}:${sha256}\n`);

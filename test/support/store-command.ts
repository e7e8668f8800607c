import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Deal } from '../../src/domain/deal.js';
import { notification } from '../../src/domain/outbox.js';
import type { Status } from '../../src/domain/status.js';
import { ConversationRefs } from '../../src/store/conversation-refs.js';
import { DealRepository } from '../../src/store/deal-repository.js';
import { DeskRepository } from '../../src/store/desk-repository.js';
import type { Documents } from '../../src/store/documents.js';
import { SolutionsRepository } from '../../src/store/solutions-repository.js';
import { seededDeal } from './seed.js';

const script = fileURLToPath(new URL('../../scripts/store.ts', import.meta.url));

/** `npm run store -- …` as an operator runs it: its exit code and what it printed. */
export function storeCommand(
  args: string[],
  options: { env?: Record<string, string>; onLine?: (line: string, kill: () => void) => void } = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      for (const line of String(d).split('\n')) if (line) options.onLine?.(line, () => child.kill('SIGKILL'));
    });
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

const STATUSES: Status[] = ['incomplete', 'in_review', 'update_required', 'approved', 'declined'];

/**
 * A store as a partner's would be after a while: deals in several tenants and every status (the decided
 * ones owing their owner a notice), owners' conversation references, a desk and a catalogue per tenant.
 */
export async function seedPartnerStore(docs: Documents, deals: number, tenants = 3): Promise<Deal[]> {
  const repo = new DealRepository(docs);
  const refs = new ConversationRefs(docs);
  const made: Deal[] = [];
  for (let t = 0; t < tenants; t++) {
    const tenantId = `tenant-${t}`;
    await new SolutionsRepository(docs).put(tenantId, [{ id: `s-${t}`, name: `Solution ${t}` }]);
    await new DeskRepository(docs).update(tenantId, (desk) => ({ desk: { ...desk, rules: [] }, result: null }));
  }
  const batch = 25;
  for (let i = 0; i < deals; i += batch) {
    const group = Array.from({ length: Math.min(batch, deals - i) }, (_, j) => {
      const n = i + j;
      const tenantId = `tenant-${n % tenants}`;
      const ownerId = `owner-${n % 40}`;
      const status = STATUSES[n % STATUSES.length]!;
      const deal = seededDeal({ tenantId, ownerId, status, companyName: `Customer ${n} AB`, minutesAgo: n });
      const decided = status === 'approved' || status === 'declined' || status === 'update_required';
      return decided ? { ...deal, outbox: [notification('status_changed', deal, deal.updatedAt, { from: 'in_review' })] } : deal;
    });
    await Promise.all(group.map((deal) => repo.create(deal)));
    made.push(...group);
  }
  for (let o = 0; o < 40; o++) {
    for (let t = 0; t < tenants; t++) {
      await refs.save({
        tenantId: `tenant-${t}`,
        userId: `owner-${o}`,
        serviceUrl: 'https://smba.example/',
        channelId: 'msteams',
        conversationId: `a:${t}-${o}`,
        botId: '28:dealbot',
        locale: 'sv',
        formatLocale: 'sv-SE',
        timeZone: 'Europe/Stockholm',
        valid: true,
      });
    }
  }
  return made;
}

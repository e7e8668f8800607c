import type { Deal, OutboxEntry } from '../domain/deal.js';
import { claimStillDue } from '../domain/outbox.js';
import type { PacedKey, Pacer } from '../domain/pacing.js';
import type { Metrics } from '../metrics.js';
import type { DealRepository } from '../store/deal-repository.js';

/** What the owner's and the desk's deliveries share: a notice, a send's outcome, and how entries change. */

export interface Notice {
  deal: Deal;
  entry: OutboxEntry;
}

export type SendOutcome =
  | { kind: 'sent' }
  /** Worth trying again: throttled (429, with Retry-After when Teams gave one), 412, 5xx, network. */
  | { kind: 'retry'; afterMs?: number; reason: string }
  /** Teams will not deliver to this conversation (403 blocked or not in roster, 404): wait for the owner. */
  | { kind: 'unreachable'; reason: string };

/** Applies a change to each notice's deal, grouped per deal (undefined: no change); returns the notices as changed. */
export async function changeEach(
  deals: DealRepository,
  notices: readonly Notice[],
  change: (deal: Deal, ids: string[]) => Deal | undefined,
): Promise<Notice[]> {
  const byDeal = new Map<string, Notice[]>();
  for (const n of notices) byDeal.set(n.deal.id, [...(byDeal.get(n.deal.id) ?? []), n]);
  const changed: Notice[] = [];
  for (const group of byDeal.values()) {
    const first = group[0]!.deal;
    const ids = group.map((n) => n.entry.id);
    const done = await deals.update(first.tenantId, first.id, (current) => {
      const next = change(current, ids);
      return { deal: next ?? current, result: next };
    });
    // A deal gone (discarded) or changed by others at every attempt: its entries are looked at again next round.
    const result = done.ok ? done.value.result : undefined;
    if (result) for (const entry of result.outbox.filter((e) => ids.includes(e.id))) changed.push({ deal: result, entry });
  }
  return changed;
}

/** Claims what of the notices is still due (`claimStillDue`), deal by deal; answers the notices as claimed. */
export function claimNotices(
  deals: DealRepository,
  notices: readonly Notice[],
  claimant: { instanceId: string; leaseMs: number },
  now: () => Date,
): Promise<Notice[]> {
  return changeEach(deals, notices, (deal, ids) => claimStillDue(deal, ids, claimant, now()));
}

/** Exponential backoff with full jitter: 1 s, 2 s, 4 s … up to the ceiling, each drawn from its lower half up. */
export function backoff(attempts: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** One send to Teams, from its rate-limit slot to its outcome on record. */
export interface PacedSend<C, O extends { kind: string; afterMs?: number; reason?: string }> {
  /** The limits this send counts under (`paceKeys`: its conversation's and its tenant's). */
  keys: readonly PacedKey[];
  /** Claims what is still due (the attempt recorded, with a lease); undefined when nothing is left to send. */
  claim(): Promise<C | undefined>;
  /** Sends; `leaving` is called right before the request goes out. */
  send(claimed: C, leaving: () => void): Promise<O>;
  /** How many times the claimed entries have been tried, for the backoff. */
  attempts(claimed: C): number;
  /** Records what came of it: delivered, kept for later, or due again in `retryInMs` (a retry). */
  settle(claimed: C, outcome: O, retryInMs: number): Promise<void>;
}

/**
 * The one way anything is delivered (an owner's notice, a review card, a review digest): take a rate-limit
 * slot, claim, send, count, then settle. A stopping worker gives up while waiting for its slot, having
 * claimed nothing; a crash after the send and before the settle lets the claim's lease run out, and the
 * message goes once more: at least once, a duplicate only after such a crash.
 */
export async function deliverPaced<C, O extends { kind: string; afterMs?: number; reason?: string }>(
  deps: { limiter: Pacer; metrics?: Metrics; maxBackoffMs: number },
  send: PacedSend<C, O>,
  halt: AbortSignal,
): Promise<void> {
  const sending = await deps.limiter.acquire(send.keys, halt).catch(() => undefined);
  if (!sending || halt.aborted) return; // stopping: nothing claimed, nothing held; another instance sends it
  const claimed = await send.claim();
  if (claimed === undefined) return;
  const outcome = await send.send(claimed, sending);
  sending(); // the answer came: the send reached Teams by now
  deps.metrics?.deliveries.inc({ outcome: outcome.kind });
  if (outcome.kind === 'retry' && outcome.reason?.startsWith('429')) deps.metrics?.throttled.inc();
  const retryInMs = outcome.kind === 'retry' ? (outcome.afterMs ?? backoff(send.attempts(claimed), deps.maxBackoffMs)) : 0;
  await send.settle(claimed, outcome, retryInMs);
}

import type { Deal, OutboxEntry } from '../domain/deal.js';
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

/** Exponential backoff with full jitter: 1 s, 2 s, 4 s … up to the ceiling, each drawn from its lower half up. */
export function backoff(attempts: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

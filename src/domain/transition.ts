import type { Deal, HistoryEntry } from './deal.js';
import { ok, type Result, refused } from './refusal.js';
import { STATUSES, type Status } from './status.js';

/** Who causes a change: the deal's owner (in Teams), or a reviewer of its tenant (in Teams or with an API key). */
export interface Actor {
  role: 'seller' | 'reviewer' | 'admin';
  id: string;
  name?: string;
}

interface Transition {
  by: Actor['role'];
  from: readonly Status[];
  /** The new status; `removed`: the deal is deleted (nothing is recorded on it); `unchanged`: it stays. */
  to: Status | 'removed' | 'unchanged';
  /** What the history entry calls a step that is not a plain change of status. */
  kind?: HistoryEntry['kind'];
  /** Opening the wizard on a deal sent back changes nothing the seller did: no history entry, no new last-change time. */
  quiet?: true;
}

/**
 * Every way a deal's status moves, and the steps the desk and the seller take that keep it: who may take
 * each, from which statuses, to which. `transition` is the only code that changes a deal's status.
 */
export const TRANSITIONS = {
  register: { by: 'seller', from: ['incomplete', 'update_required'], to: 'in_review' },
  discard: { by: 'seller', from: ['incomplete'], to: 'removed' },
  startUpdate: { by: 'seller', from: ['update_required'], to: 'update_required', quiet: true },
  withdraw: { by: 'seller', from: ['in_review'], to: 'incomplete', kind: 'withdrawn' },
  replyInReview: { by: 'seller', from: ['in_review'], to: 'in_review', kind: 'reply' },
  replyToUpdate: { by: 'seller', from: ['update_required'], to: 'update_required', kind: 'reply' },
  /** Four-eyes: the first of two approvals is recorded, the deal stays In review. */
  firstApproval: { by: 'reviewer', from: ['in_review'], to: 'in_review', kind: 'approval' },
  approve: { by: 'reviewer', from: ['in_review'], to: 'approved' },
  decline: { by: 'reviewer', from: ['in_review'], to: 'declined' },
  requestUpdate: { by: 'reviewer', from: ['in_review'], to: 'update_required' },
  /** A person's data erased on their request (the partner's admin): recorded, whatever the status. */
  recordErasure: { by: 'admin', from: STATUSES, to: 'unchanged', kind: 'erased' },
} as const satisfies Record<string, Transition>;
export type TransitionName = keyof typeof TRANSITIONS;

/** Whether the table has this step from this status (whoever asks). */
export function canApply(name: TransitionName, from: Status): boolean {
  return (TRANSITIONS[name].from as readonly Status[]).includes(from);
}

/**
 * One step of the status machine: refused unless the actor may take it (a seller only on their own deal,
 * a reviewer never on theirs) from the deal's status; else the deal in its new status, one version on,
 * with the step in its history. What else the step changes (fields, outbox, wizard) the caller adds.
 */
export function transition(deal: Deal, name: TransitionName, actor: Actor, at: Date, comment?: string): Result<Deal> {
  const step: Transition = TRANSITIONS[name];
  if (step.by === 'seller' && (actor.role !== 'seller' || actor.id !== deal.ownerId)) return refused({ code: 'deal.not_found' });
  if (step.by === 'reviewer' && actor.role !== 'reviewer') return refused({ code: 'deal.not_reviewer' });
  if (step.by === 'admin' && actor.role !== 'admin') return refused({ code: 'deal.not_found' });
  if (!step.from.includes(deal.status)) return refused({ code: 'deal.transition_not_allowed', status: deal.status });
  if (step.by === 'reviewer' && actor.id === deal.ownerId) return refused({ code: 'deal.own_deal' });
  if (step.to === 'removed') return ok(deal);
  const to = step.to === 'unchanged' ? deal.status : step.to;
  if (step.quiet) return ok({ ...deal, status: to, version: deal.version + 1 });
  const when = at.toISOString();
  const entry: HistoryEntry = { at: when, by: actor.id, byName: actor.name, from: deal.status, to, comment, kind: step.kind };
  return ok({ ...deal, status: to, version: deal.version + 1, updatedAt: when, history: [...deal.history, entry] });
}

import { type Actor, hasRole, owns, type Role } from './actor.js';
import type { Deal, HistoryEntry } from './deal.js';
import { ok, type Refusal, type Result, refused } from './refusal.js';
import { STATUSES, type Status } from './status.js';

interface Transition {
  by: Role;
  from: readonly Status[];
  /** The new status; `removed`: the deal is deleted (nothing is recorded on it); `unchanged`: it stays. */
  to: Status | 'removed' | 'unchanged';
  /** What the history entry calls a step that is not a plain change of status. */
  kind?: HistoryEntry['kind'];
  /** A step that changes nothing the deal's history tells: no entry (the caller sets what else changes). */
  quiet?: true;
}

/**
 * Every way a deal's status moves, and the steps the desk and the seller take that keep it: who may take
 * each, from which statuses, to which. `transition` is the only code that changes a deal's status, and the
 * only place that says which statuses allow which step: cards draw their buttons from `allowedSteps`.
 */
export const TRANSITIONS = {
  /** A step of the wizard (Next, Back, Edit, Cancel): the draft's fields change, its status does not. */
  edit: { by: 'seller', from: ['incomplete', 'update_required'], to: 'unchanged', quiet: true },
  register: { by: 'seller', from: ['incomplete', 'update_required'], to: 'in_review' },
  discard: { by: 'seller', from: ['incomplete'], to: 'removed' },
  /** Opening the wizard on a deal sent back changes nothing the seller did: no entry, no new last-change time. */
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
const NAMES = Object.keys(TRANSITIONS) as TransitionName[];

/** Whether the table has this step from this status (whoever asks). */
export function canApply(name: TransitionName, from: Status): boolean {
  return (TRANSITIONS[name].from as readonly Status[]).includes(from);
}

/**
 * Why the actor may not take this step on the deal now, or undefined if they may: a seller only on their own
 * deal, a reviewer only in their tenant and never on their own deal, an admin only in their tenant; and only
 * from the statuses the table lists. A deal that is not the actor's to touch is "not found", never "not yours".
 */
export function refusalOf(deal: Deal, name: TransitionName, actor: Actor): Refusal | undefined {
  const step: Transition = TRANSITIONS[name];
  if (actor.tenantId !== deal.tenantId) return { code: 'deal.not_found' };
  if (step.by === 'seller' && !(hasRole(actor, 'seller') && owns(actor, deal))) return { code: 'deal.not_found' };
  if (step.by === 'reviewer' && !hasRole(actor, 'reviewer')) return { code: 'deal.not_reviewer' };
  if (step.by === 'admin' && !hasRole(actor, 'admin')) return { code: 'deal.not_found' };
  if (!step.from.includes(deal.status)) return { code: 'deal.transition_not_allowed', status: deal.status };
  if (step.by === 'reviewer' && owns(actor, deal)) return { code: 'deal.own_deal' };
  return undefined;
}

/** The steps this actor may take on the deal now: what its cards offer as buttons. */
export function allowedSteps(deal: Deal, actor: Actor): ReadonlySet<TransitionName> {
  return new Set(NAMES.filter((name) => refusalOf(deal, name, actor) === undefined));
}

/**
 * One step of the status machine: refused unless the actor may take it (`refusalOf`); else the deal in its
 * new status, one version on, with the step in its history. What else the step changes (fields, outbox,
 * wizard) the caller adds.
 */
export function transition(deal: Deal, name: TransitionName, actor: Actor, at: Date, comment?: string): Result<Deal> {
  const refusal = refusalOf(deal, name, actor);
  if (refusal) return refused(refusal);
  const step: Transition = TRANSITIONS[name];
  if (step.to === 'removed') return ok(deal);
  const to = step.to === 'unchanged' ? deal.status : step.to;
  if (step.quiet) return ok({ ...deal, status: to, version: deal.version + 1 });
  const when = at.toISOString();
  const entry: HistoryEntry = { at: when, by: actor.id, byName: actor.name, from: deal.status, to, comment, kind: step.kind };
  return ok({ ...deal, status: to, version: deal.version + 1, updatedAt: when, history: [...deal.history, entry] });
}

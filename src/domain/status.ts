import { z } from 'zod';

export const STATUSES = ['incomplete', 'in_review', 'update_required', 'approved', 'declined'] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

/** Who may cause a change: the owner (seller) or the deal desk (reviewer). */
export type Actor = 'seller' | 'reviewer';

export const ACTIONS = {
  register: { by: 'seller', from: ['incomplete', 'update_required'], to: 'in_review' },
  approve: { by: 'reviewer', from: ['in_review'], to: 'approved' },
  decline: { by: 'reviewer', from: ['in_review'], to: 'declined' },
  requestUpdate: { by: 'reviewer', from: ['in_review'], to: 'update_required' },
  withdraw: { by: 'seller', from: ['in_review'], to: 'incomplete' },
} as const satisfies Record<string, { by: Actor; from: readonly Status[]; to: Status }>;
export type Action = keyof typeof ACTIONS;

export function canApply(action: Action, from: Status): boolean {
  return (ACTIONS[action].from as readonly Status[]).includes(from);
}

/** A deal the seller may still edit in the wizard. */
export function isEditable(status: Status): boolean {
  return status === 'incomplete' || status === 'update_required';
}

/** Partner Center's three pages, and the statuses each one's filter offers. */
export const PAGES = {
  action_required: ['incomplete', 'update_required'],
  in_progress: ['in_review'],
  closed: ['approved', 'declined'],
} as const satisfies Record<string, readonly Status[]>;
export const PAGE_NAMES = ['action_required', 'in_progress', 'closed'] as const;
export const PageName = z.enum(PAGE_NAMES);
export type PageName = z.infer<typeof PageName>;

export function pageOf(status: Status): PageName {
  return PAGE_NAMES.find((page) => (PAGES[page] as readonly Status[]).includes(status))!;
}

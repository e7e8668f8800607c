import { z } from 'zod';

export const STATUSES = ['incomplete', 'in_review', 'update_required', 'approved', 'declined'] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

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

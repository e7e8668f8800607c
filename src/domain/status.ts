import { z } from 'zod';

export const STATUSES = ['incomplete', 'in_review', 'update_required', 'approved', 'declined'] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

export const PAGE_NAMES = ['action_required', 'in_progress', 'closed'] as const;
export const PageName = z.enum(PAGE_NAMES);
export type PageName = z.infer<typeof PageName>;

/** Partner Center's page each status is shown on: every status has one, which the compiler checks. */
const PAGE_OF: Record<Status, PageName> = {
  incomplete: 'action_required',
  update_required: 'action_required',
  in_review: 'in_progress',
  approved: 'closed',
  declined: 'closed',
};

export const pageOf = (status: Status): PageName => PAGE_OF[status];

const statusesOn = (page: PageName): readonly Status[] => STATUSES.filter((status) => PAGE_OF[status] === page);

/** Each page's statuses, which its filter offers, in the order of STATUSES. */
export const PAGES: Record<PageName, readonly Status[]> = {
  action_required: statusesOn('action_required'),
  in_progress: statusesOn('in_progress'),
  closed: statusesOn('closed'),
};

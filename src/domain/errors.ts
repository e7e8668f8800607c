/** Stable codes for what a use case can refuse; the UI and the API map each to their own words. */
export const DEAL_ERRORS = [
  'deal.not_found',
  'deal.conflict',
  'deal.stale_card',
  'deal.not_editable',
  'deal.transition_not_allowed',
  'deal.own_deal',
  'deal.comment_required',
  'deal.version_mismatch',
  /** Four-eyes: the reviewer who gave the first approval cannot give the second. */
  'deal.already_approved_by_you',
] as const;
export type DealErrorCode = (typeof DEAL_ERRORS)[number];

export class DealError extends Error {
  constructor(
    readonly code: DealErrorCode,
    readonly details: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'DealError';
  }
}

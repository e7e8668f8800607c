import type { Deal } from '../domain/deal.js';

/**
 * Where the deal desk sees deals to decide (a Teams channel or group chat). The bot implements it;
 * the use cases only say what happened.
 */
export interface ReviewBoard {
  /** A deal entered In review (registered, or re-registered after an update). */
  dealEnteredReview(deal: Deal): Promise<void>;
  /** A deal was decided, from Teams or the API: its posted card should show the outcome. */
  dealDecided(deal: Deal): Promise<void>;
}

/** For a product without Teams wiring (the API alone, in tests of the use cases). */
export const NO_REVIEW_BOARD: ReviewBoard = {
  dealEnteredReview: async () => {},
  dealDecided: async () => {},
};

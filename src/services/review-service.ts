import type { Deal } from '../domain/deal.js';
import { DealError } from '../domain/errors.js';
import { type Decision, decide, type Reviewer } from '../domain/review.js';
import type { Status } from '../domain/status.js';
import type { DealRepository, Paging } from '../store/deal-repository.js';
import type { DealPage } from '../store/pages.js';
import type { ReviewBoard } from './review-board.js';

export interface DecisionRequest {
  decision: Decision;
  comment?: string;
  fields?: readonly string[];
  /** The versions the reviewer may be deciding on (If-Match's list, or the card's one); any other is refused. */
  expectedVersions?: readonly number[];
}

/** The deal desk's side: the queue, one deal, and decisions. Works on any deal of the reviewer's tenant. */
export class ReviewService {
  constructor(
    private readonly deals: DealRepository,
    private readonly board: ReviewBoard,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  queue(tenantId: string, status: Status, paging: Paging): Promise<DealPage> {
    return this.deals.queuePage(tenantId, status, paging);
  }

  async get(tenantId: string, dealId: string): Promise<Deal> {
    const deal = await this.deals.get(tenantId, dealId);
    if (!deal) throw new DealError('deal.not_found');
    return deal;
  }

  /** One decision, atomically with its history entry and the owner's notification; exactly one of two racing wins. */
  async decide(tenantId: string, dealId: string, reviewer: Reviewer, request: DecisionRequest): Promise<Deal> {
    const { deal } = await this.deals.update(tenantId, dealId, (current) => {
      if (request.expectedVersions !== undefined && !request.expectedVersions.includes(current.version)) {
        throw new DealError('deal.version_mismatch', { version: current.version, status: current.status });
      }
      return { deal: decide(current, request.decision, reviewer, request, this.clock()), result: null };
    });
    await this.board.dealDecided(deal);
    return deal;
  }
}

import { hasRole } from '../../src/domain/actor.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { noticeCard } from '../views/notice-card.js';
import { QUEUE_PAGE_SIZE, reviewQueueCard } from '../views/review-queue-card.js';

/** "review queue", or Filter / Previous / Next on its card: the tenant's deals In review, for reviewers only. */
export async function reviewQueue(turn: Turn, data: { offset: number; country?: string; solution?: string }): Promise<Card> {
  const { user, services } = turn;
  if (!hasRole(turn.user, 'reviewer')) {
    turn.log.info('a non-reviewer asked for the review queue');
    return noticeCard(turn.view.t('queue.notReviewer'));
  }
  const filter = { country: data.country, solution: data.solution };
  const page = await services.reviews.waiting(user.tenantId, filter, data.offset, QUEUE_PAGE_SIZE);
  const flagged = await Promise.all(
    page.deals.map(async (d) => ((await services.reviews.duplicatesOf(d, user.now)).length > 0 ? d.id : '')),
  );
  return reviewQueueCard(page, filter, new Set(flagged.filter(Boolean)), turn.view, user.now);
}

import { hasRole } from '../../src/domain/actor.js';
import { pipeline } from '../../src/domain/pipeline.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { noticeCard } from '../views/notice-card.js';
import { pipelineCard } from '../views/pipeline-card.js';

/** "my pipeline" (or its button): the seller's deals per status; "desk pipeline": the tenant's, for reviewers. */
export async function showPipeline(turn: Turn, data: { scope: 'mine' | 'desk' }): Promise<Card> {
  const { user, services, view } = turn;
  if (data.scope === 'desk') {
    if (!hasRole(turn.user, 'reviewer')) return noticeCard(view.t('pipeline.notReviewer'));
    return pipelineCard(pipeline(await services.reviews.allDeals(user.tenantId), services.policy), 'desk', view);
  }
  return pipelineCard(pipeline(await services.deals.allOwn(user), services.policy), 'mine', view);
}

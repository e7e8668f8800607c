import type { Refusal } from '../src/domain/refusal.js';
import { teamsAnswer } from './refusals.js';
import type { Card } from './render.js';
import type { Turn } from './turn.js';
import { dealCard } from './views/deal-card.js';
import { dealNotFoundCard } from './views/notice-card.js';

/**
 * A seller's card action was refused: the deal is shown as it stands now, with a line saying why nothing
 * changed, or "not found" (someone else's deal looks the same as none).
 */
export async function answerRefusal(turn: Turn, dealId: string, refusal: Refusal): Promise<Card> {
  turn.log.info({ code: refusal.code }, 'card action refused');
  const answer = teamsAnswer(refusal, 'seller', turn.view.t);
  if (answer.kind === 'notFound') return dealNotFoundCard(turn.view);
  const current = await turn.services.deals.open(turn.user, dealId);
  if (!current.ok) return dealNotFoundCard(turn.view);
  return dealCard(current.value, turn.view, answer.kind === 'showDeal' ? answer.notice : answer.error);
}

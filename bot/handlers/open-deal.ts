import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealDetailCard } from '../views/deal-detail-card.js';
import { dealMatchesCard } from '../views/deal-matches-card.js';
import { dealNotFoundCard, noticeCard } from '../views/notice-card.js';

/** Open, on a list row: the deal card, with the actions its status allows. */
export async function openDeal(turn: Turn, data: { dealId: string }): Promise<Card> {
  const opened = await turn.services.deals.open(turn.user, data.dealId);
  return opened.ok ? dealDetailCard(opened.value, turn.view) : answerRefusal(turn, data.dealId, opened.refusal);
}

/** "open D-1A2B3C4D": looked for among the seller's own deals only; anything else is "not found". */
export async function openDealByRef(turn: Turn, ref: string): Promise<Card> {
  const opened = await turn.services.deals.openByRef(turn.user, ref);
  return opened.ok ? dealDetailCard(opened.value, turn.view) : dealNotFoundCard(turn.view);
}

/** "open fabrikam": the seller's own deal for that customer, or a short list when several are, or a hint. */
export async function openDealByCustomer(turn: Turn, customer: string): Promise<Card> {
  const found = await turn.services.deals.findByCustomer(turn.user, customer);
  if (found.length === 1) return dealDetailCard(found[0]!, turn.view);
  if (found.length === 0) return noticeCard(turn.view.t('list.noMatch', { customer }));
  return dealMatchesCard(
    customer,
    found.slice(0, 10).map((f) => f.deal),
    turn.view,
  );
}

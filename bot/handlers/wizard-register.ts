import type { CardRef } from '../../src/services/wizard-service.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealDetailCard } from '../views/deal-detail-card.js';
import { answerRefusal } from './answer-refusal.js';
import { showDeal } from './show-deal.js';

/** Register: In review, with its history entry; the wizard card becomes the read-only deal card. */
export async function wizardRegister(turn: Turn, data: { card: CardRef }): Promise<Card> {
  const { t } = turn.view;
  const registered = await turn.services.wizard.register(turn.user, data.card);
  if (!registered.ok) return answerRefusal(turn, data.card.dealId, registered.refusal);
  const result = registered.value;
  if (result.kind === 'step') return showDeal(turn, result.deal, '', result.errors);
  if (result.kind === 'confirm') {
    const fields = result.unchanged.map((f) => t(`fields.${f}`, { defaultValue: f })).join(', ');
    return showDeal(turn, result.deal, t('summary.askUnchanged', { fields }));
  }
  turn.log.info({ dealId: result.deal.id }, 'deal registered');
  return dealDetailCard(result.deal, turn.view, t('summary.registeredTitle'), t('summary.registeredText'));
}

import type { CardRef } from '../../src/services/wizard-service.js';
import { answerRefusal } from '../answer-refusal.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealCard } from '../views/deal-card.js';
import { dealDetailCard } from '../views/deal-detail-card.js';

/** Register: In review, with its history entry; the wizard card becomes the read-only deal card. */
export async function wizardRegister(turn: Turn, data: { card: CardRef }): Promise<Card> {
  const { t } = turn.view;
  const registered = await turn.services.wizard.register(turn.user, data.card);
  if (!registered.ok) return answerRefusal(turn, data.card.dealId, registered.refusal);
  const result = registered.value;
  if (result.kind === 'step') return dealCard(result.shown, turn.view, '', result.errors);
  if (result.kind === 'confirm') {
    const names = result.unchanged.map((f) => t(`fields.${f}`, { defaultValue: f }));
    const fields = new Intl.ListFormat(turn.view.formatLocale, { type: 'conjunction' }).format(names);
    return dealCard(result.shown, turn.view, t('summary.askUnchanged', { fields, count: names.length }));
  }
  turn.log.info({ dealId: result.shown.deal.id }, 'deal registered');
  return dealDetailCard(result.shown, turn.view, t('summary.registeredTitle'), t('summary.registeredText'));
}

import type { FieldErrors } from '../../src/domain/field-error.js';
import type { ShownDeal } from '../../src/services/shown-deal.js';
import type { Card } from '../render.js';
import { dealDetailCard } from './deal-detail-card.js';
import { summaryCard } from './summary-card.js';
import type { ViewContext } from './view-context.js';
import { wizardCard } from './wizard-card.js';

/** Where a deal stands: the wizard at its current step while the seller may edit it, else the read-only deal card. */
export function dealCard(shown: ShownDeal, ctx: ViewContext, notice = '', errors: FieldErrors = {}): Card {
  const { deal } = shown;
  if (!shown.steps.has('edit')) return dealDetailCard(shown, ctx, notice);
  if (deal.wizard.step === 'summary') return summaryCard(deal, ctx, notice, shown.duplicates);
  return wizardCard(deal, deal.wizard.step, errors, ctx, notice, shown.recentCurrencies);
}

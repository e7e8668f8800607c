import type { Deal } from '../../src/domain/deal.js';
import type { FieldErrors } from '../../src/domain/field-error.js';
import { isEditable } from '../../src/domain/status.js';
import type { Card } from '../render.js';
import { dealDetailCard } from './deal-detail-card.js';
import { summaryCard } from './summary-card.js';
import type { ViewContext } from './view-context.js';
import { wizardCard } from './wizard-card.js';

/** Where a deal stands: the wizard at its current step while editable, else the read-only deal card. */
export function dealCard(
  deal: Deal,
  ctx: ViewContext,
  notice = '',
  errors: FieldErrors = {},
  duplicates: readonly Deal[] = [],
  recentCurrencies: readonly string[] = [],
): Card {
  if (!isEditable(deal.status)) return dealDetailCard(deal, ctx, notice);
  if (deal.wizard.step === 'summary') return summaryCard(deal, ctx, notice, duplicates);
  return wizardCard(deal, deal.wizard.step, errors, ctx, notice, recentCurrencies);
}

import type { Deal } from '../../src/domain/deal.js';
import type { FieldErrors } from '../../src/domain/field-error.js';
import { isEditable } from '../../src/domain/status.js';
import type { Card } from '../render.js';
import { summaryCard } from './summary-card.js';
import type { ViewContext } from './view-context.js';
import { wizardCard } from './wizard-card.js';

/** Where a deal stands: the wizard at its current step while editable, else its read-only summary. */
export function dealCard(deal: Deal, ctx: ViewContext, notice = '', errors: FieldErrors = {}): Card {
  if (isEditable(deal.status) && deal.wizard.step !== 'summary') {
    return wizardCard(deal, deal.wizard.step, errors, ctx, notice);
  }
  return summaryCard(deal, ctx, notice);
}

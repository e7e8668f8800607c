import type { Deal } from '../../src/domain/deal.js';
import type { FieldErrors } from '../../src/domain/field-error.js';
import { isEditable } from '../../src/domain/status.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealCard } from '../views/deal-card.js';

/**
 * Where a deal stands, with the duplicate warning looked up when the seller is about to register, and
 * the tenant's recently used currencies when the value step is shown.
 */
export async function showDeal(turn: Turn, deal: Deal, notice = '', errors: FieldErrors = {}): Promise<Card> {
  const at = isEditable(deal.status) ? deal.wizard.step : undefined;
  const duplicates = at === 'summary' ? await turn.services.deals.duplicatesOf(turn.user, deal) : [];
  const recent = at === 'value' ? await turn.services.wizard.recentCurrencies(turn.user.tenantId) : [];
  return dealCard(deal, turn.view, notice, errors, duplicates, recent);
}

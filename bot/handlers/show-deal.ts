import type { Deal } from '../../src/domain/deal.js';
import type { FieldErrors } from '../../src/domain/field-error.js';
import { isEditable } from '../../src/domain/status.js';
import { findDuplicates } from '../../src/services/duplicates.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealCard } from '../views/deal-card.js';

/** Where a deal stands, with the duplicate warning looked up when the seller is about to register. */
export async function showDeal(turn: Turn, deal: Deal, notice = '', errors: FieldErrors = {}): Promise<Card> {
  const atSummary = isEditable(deal.status) && deal.wizard.step === 'summary';
  const duplicates = atSummary ? await findDuplicates(turn.services.dealRepository, deal, turn.seller.now) : [];
  return dealCard(deal, turn.view, notice, errors, duplicates);
}

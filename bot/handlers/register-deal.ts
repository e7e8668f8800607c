import { contactFromProfile } from '../profile.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { wizardCard } from '../views/wizard-card.js';

/** "register a deal": a new Incomplete draft, and its first step. */
export async function registerDeal(turn: Turn): Promise<Card> {
  const deal = await turn.services.wizard.start(turn.user, await contactFromProfile(turn));
  turn.log.info({ dealId: deal.id }, 'draft started');
  return wizardCard(deal, 'customer', {}, turn.view, turn.view.t('wizard.started'));
}

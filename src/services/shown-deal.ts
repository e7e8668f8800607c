import type { Actor } from '../domain/actor.js';
import type { Deal } from '../domain/deal.js';
import { allowedSteps, type TransitionName } from '../domain/transition.js';
import type { DealRepository } from '../store/deal-repository.js';

/**
 * A deal as a card shows it to one user: the deal, the steps the transition table lets them take on it now
 * (the card's buttons), and what its current screen needs. A use case answers with this, so the view only
 * draws it and the handler asks nothing more.
 */
export interface ShownDeal {
  deal: Deal;
  steps: ReadonlySet<TransitionName>;
  /** Likely duplicates: shown on the summary before the seller registers, and on the desk's review card. */
  duplicates: readonly Deal[];
  /** The tenant's latest currencies, offered first on the value step. */
  recentCurrencies: readonly string[];
}

/** What the deal's screen needs, read only for the screen that shows it (the summary, the value step). */
export async function shownDeal(deals: DealRepository, deal: Deal, actor: Actor, now: Date): Promise<ShownDeal> {
  const steps = allowedSteps(deal, actor);
  const at = steps.has('edit') ? deal.wizard.step : undefined;
  const [duplicates, recentCurrencies] = await Promise.all([
    at === 'summary' ? deals.duplicatesOf(deal, now) : [],
    at === 'value' ? deals.recentCurrencies(deal.tenantId) : [],
  ]);
  return { deal, steps, duplicates, recentCurrencies };
}

/** A deal in a list, as its Open shows it: its steps, none of a wizard screen's extras (nothing to read). */
export function listedDeal(deal: Deal, actor: Actor): ShownDeal {
  return { deal, steps: allowedSteps(deal, actor), duplicates: [], recentCurrencies: [] };
}

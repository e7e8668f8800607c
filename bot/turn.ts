import type { TurnContext } from 'botbuilder';
import type { Logger } from '../src/log.js';
import type { RegistrationPolicy } from '../src/domain/policy.js';
import type { Seller } from '../src/services/seller.js';
import type { DealsService } from '../src/services/deals-service.js';
import type { WizardService } from '../src/services/wizard-service.js';
import type { Solution } from '../src/solutions.js';
import type { IncomingActivity } from './activity.js';
import type { ViewContext } from './views/view-context.js';

/** What the bot is built from: the use cases and the settings views need. */
export interface BotServices {
  wizard: WizardService;
  deals: DealsService;
  solutions: () => readonly Solution[];
  policy: RegistrationPolicy;
  log: Logger;
}

/** One turn, as handlers see it: who is acting (from the activity, never from card data), in which language. */
export interface Turn {
  context: TurnContext;
  activity: IncomingActivity;
  seller: Seller & { formatLocale: string; timeZone: string };
  view: ViewContext;
  services: BotServices;
  log: Logger;
}

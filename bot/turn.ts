import type { TurnContext } from 'botbuilder';
import type { Clock } from '../src/clock.js';
import type { RegistrationPolicy } from '../src/domain/policy.js';
import type { Logger } from '../src/log.js';
import type { SolutionCatalogue } from '../src/services/catalogue.js';
import type { DealFilesService } from '../src/services/deal-files.js';
import type { DealsService } from '../src/services/deals-service.js';
import type { FileLinks } from '../src/services/file-links.js';
import type { OwnerReach } from '../src/services/owner-reach.js';
import type { ReviewDesk } from '../src/services/review-desk.js';
import type { ReviewService } from '../src/services/review-service.js';
import type { Reviewers } from '../src/services/reviewers.js';
import type { User } from '../src/services/user.js';
import type { WizardService } from '../src/services/wizard-service.js';
import type { UserDirectory } from '../src/store/user-directory.js';
import type { UserLanguages } from '../src/store/user-languages.js';
import type { IncomingActivity } from './activity.js';
import type { PersonalChat } from './personal-chat.js';
import type { ViewContext } from './views/view-context.js';

/** What the bot is built from: the use cases and the settings views need. */
export interface BotServices {
  wizard: WizardService;
  deals: DealsService;
  /** Files a seller sends for a deal, and links to open them. */
  files: DealFilesService;
  fileLinks: FileLinks;
  reviews: ReviewService;
  desk: ReviewDesk;
  reviewers: Reviewers;
  catalogue: SolutionCatalogue;
  directory: UserDirectory;
  reach: OwnerReach;
  languages: UserLanguages;
  /** The user's own chat with the bot, where a deal shared elsewhere opens. */
  personalChat: PersonalChat;
  /** Where the bot is served (https://BOT_DOMAIN): deal links start with it. */
  publicUrl: string;
  /**
   * True the first time an activity is seen in its tenant and conversation; Teams redelivers a turn that
   * took over 15 s. Activity ids are unique only within a conversation.
   */
  firstDelivery: (tenantId: string, conversationId: string, activityId: string) => Promise<boolean>;
  policy: RegistrationPolicy;
  /** What time it is: a turn happens at this clock's now. */
  clock: Clock;
  /** ALLOWED_TENANTS: any other tenant's activities are refused; undefined lets every tenant in. */
  allowedTenants?: ReadonlySet<string>;
  log: Logger;
}

/** One turn, as handlers see it: who is acting (from the activity, never from card data), in which language. */
export interface Turn {
  context: TurnContext;
  activity: IncomingActivity;
  /** Who is acting (the actor the edge made: a seller of their own deals, a reviewer too if REVIEWERS names them). */
  user: User;
  view: ViewContext;
  services: BotServices;
  log: Logger;
}

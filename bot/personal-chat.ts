import type { CloudAdapter } from 'botbuilder';
import type { Logger } from '../src/log.js';
import type { ConversationRefs } from '../src/store/conversation-refs.js';
import { answerMessage } from './answer.js';
import { personalChatReference, proactively } from './proactive.js';
import type { Card } from './render.js';

/** A user's 1:1 chat with the bot, where "Open in Dealbot" opens a deal shared elsewhere. */
export class PersonalChat {
  constructor(
    private readonly refs: ConversationRefs,
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly log: Logger,
  ) {}

  /** Posts the card there; false when the bot has no chat with the user (never installed, or removed). */
  async post(tenantId: string, userId: string, card: Card): Promise<boolean> {
    const ref = await this.refs.get(tenantId, userId);
    if (!ref?.valid) return false;
    try {
      await proactively(this.adapter, this.appId, personalChatReference(ref), (context) => answerMessage(context, card));
      return true;
    } catch (error) {
      // Nothing is lost: the user is told how to open the deal themselves.
      this.log.warn({ err: (error as Error).message }, 'could not open a deal in the user’s chat');
      return false;
    }
  }
}

import { CardFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Clock } from '../src/clock.js';
import type { Deal } from '../src/domain/deal.js';
import type { ClaimedConversation, ConversationAddress } from '../src/domain/desk.js';
import type { RegistrationPolicy } from '../src/domain/policy.js';
import type { SolutionCatalogue } from '../src/services/catalogue.js';
import type { CardOutcome, ReviewCardSender } from '../src/services/desk-delivery.js';
import { classify } from './notification-sender.js';
import { proactively } from './proactive.js';
import type { Card } from './render.js';
import { reviewCard } from './views/review-card.js';
import { reviewDigestCard } from './views/review-queue-card.js';
import { viewContext } from './views/view-context.js';

/** A claimed conversation's address, as botbuilder wants it for a proactive message. */
export function conversationReference(r: ConversationAddress): ConversationReference {
  return {
    serviceUrl: r.serviceUrl,
    channelId: r.channelId,
    bot: { id: r.botId, name: 'Dealbot' },
    conversation: { id: r.conversationId, conversationType: r.conversationType, tenantId: r.tenantId, isGroup: true, name: '' },
  };
}

/** Sends a card into a review conversation, or replaces one sent before; says what Teams answered. */
export async function sendToConversation(
  adapter: CloudAdapter,
  appId: string,
  conversation: ClaimedConversation,
  card: Card,
  activityId: string | undefined,
  leaving: () => void,
  now: Date,
): Promise<CardOutcome> {
  try {
    const sent = await proactively(adapter, appId, conversationReference(conversation.reference), (context) => {
      leaving();
      const attachments = [CardFactory.adaptiveCard(card)];
      return activityId ? context.updateActivity({ type: 'message', id: activityId, attachments }) : context.sendActivity({ attachments });
    });
    return { kind: 'sent', activityId: activityId ?? sent?.id ?? '' };
  } catch (error) {
    const outcome = classify(error, now);
    return outcome.kind === 'sent' ? { kind: 'retry', reason: 'no activity id' } : outcome;
  }
}

/**
 * The review card in its review conversation: everyone there sees the deal; the reviewers' clients refresh
 * it to their own view, with the decision buttons.
 */
export class TeamsReviewCardSender implements ReviewCardSender {
  constructor(
    private readonly deps: {
      adapter: CloudAdapter;
      appId: string;
      catalogue: SolutionCatalogue;
      policy: RegistrationPolicy;
      /** The deal's likely duplicates, flagged on its card. */
      duplicatesOf: (deal: Deal) => Promise<Deal[]>;
      reminderAfterMs: number;
      clock: Clock;
    },
  ) {}

  async sendCard(conversation: ClaimedConversation, deal: Deal, activityId: string | undefined, leaving: () => void): Promise<CardOutcome> {
    const ctx = viewContext(conversation, await this.deps.catalogue.list(deal.tenantId), this.deps.policy);
    const duplicates = await this.deps.duplicatesOf(deal);
    // Posted for everyone in the conversation: no buttons; the reviewers' clients refresh it to their own view.
    const card = reviewCard(deal, ctx, { steps: new Set(), refreshUserIds: conversation.reviewerIds, duplicates });
    return sendToConversation(this.deps.adapter, this.deps.appId, conversation, card, activityId, leaving, this.deps.clock());
  }

  async sendDigest(conversation: ClaimedConversation, deals: readonly Deal[], leaving: () => void): Promise<CardOutcome> {
    const ctx = viewContext(conversation, await this.deps.catalogue.list(conversation.reference.tenantId), this.deps.policy);
    const now = this.deps.clock();
    const card = reviewDigestCard(deals, this.deps.reminderAfterMs, ctx, now);
    return sendToConversation(this.deps.adapter, this.deps.appId, conversation, card, undefined, leaving, now);
  }
}

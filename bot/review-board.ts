import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { z } from 'zod';
import type { Deal } from '../src/domain/deal.js';
import { Locale } from '../src/domain/deal.js';
import type { RegistrationPolicy } from '../src/domain/policy.js';
import type { Logger } from '../src/log.js';
import type { SolutionCatalogue } from '../src/services/catalogue.js';
import { findDuplicates } from '../src/services/duplicates.js';
import type { ReviewBoard } from '../src/services/review-board.js';
import type { DealRepository } from '../src/store/deal-repository.js';
import type { Documents } from '../src/store/documents.js';
import { reviewConversationKey, reviewPostKey } from '../src/store/keys.js';
import { proactively } from './proactive.js';
import { reviewCard } from './views/review-card.js';
import { viewContext } from './views/view-context.js';

/** The tenant's review conversation: where to post, who the reviewers are there, in which language. */
export const ReviewConversation = z.object({
  reference: z.object({
    serviceUrl: z.string(),
    channelId: z.string(),
    conversationId: z.string(),
    conversationType: z.string(),
    tenantId: z.string(),
    botId: z.string(),
  }),
  /** Teams user ids (MRIs) of the tenant's reviewers in that conversation: the card refreshes for them. */
  reviewerIds: z.array(z.string()).max(60),
  locale: Locale,
  formatLocale: z.string(),
  timeZone: z.string(),
});
export type ReviewConversation = z.infer<typeof ReviewConversation>;

const ReviewPost = z.object({ activityId: z.string() });

/** The stored reference, as botbuilder wants it for a proactive message. */
export function conversationReference(r: ReviewConversation['reference']): ConversationReference {
  return {
    serviceUrl: r.serviceUrl,
    channelId: r.channelId,
    bot: { id: r.botId, name: 'Dealbot' },
    conversation: { id: r.conversationId, conversationType: r.conversationType, tenantId: r.tenantId, isGroup: true, name: '' },
  };
}

export interface TeamsReviewBoardDeps {
  adapter: CloudAdapter;
  appId: string;
  docs: Documents;
  deals: DealRepository;
  catalogue: SolutionCatalogue;
  policy: RegistrationPolicy;
  log: Logger;
}

/**
 * Posts a review card to the tenant's review conversation when a deal enters review, and updates it in
 * place when the deal is decided. A failure here never undoes the change that caused it; it is logged.
 */
export class TeamsReviewBoard implements ReviewBoard {
  constructor(private readonly deps: TeamsReviewBoardDeps) {}

  async conversation(tenantId: string): Promise<ReviewConversation | undefined> {
    const found = await this.deps.docs.read<unknown>(reviewConversationKey(tenantId));
    return found ? ReviewConversation.parse(found.value) : undefined;
  }

  async useConversation(tenantId: string, conversation: ReviewConversation): Promise<void> {
    await this.deps.docs.put(reviewConversationKey(tenantId), conversation);
  }

  /** A reviewer seen acting in the conversation joins the card's refresh list. */
  async rememberReviewer(tenantId: string, userMri: string): Promise<void> {
    const current = await this.conversation(tenantId);
    if (!current || current.reviewerIds.includes(userMri) || current.reviewerIds.length >= 60) return;
    await this.useConversation(tenantId, { ...current, reviewerIds: [...current.reviewerIds, userMri] });
  }

  private async card(deal: Deal, conversation: ReviewConversation) {
    const solutions = await this.deps.catalogue.list(deal.tenantId);
    const ctx = viewContext(conversation, solutions, this.deps.policy);
    const duplicates = await findDuplicates(this.deps.deals, deal, new Date());
    return reviewCard(deal, ctx, { actionable: false, refreshUserIds: conversation.reviewerIds, duplicates });
  }

  async dealEnteredReview(deal: Deal): Promise<void> {
    const log = this.deps.log.child({ dealId: deal.id });
    try {
      const conversation = await this.conversation(deal.tenantId);
      if (!conversation) return log.info('no review conversation set for the tenant; the deal waits in the API queue');
      const card = await this.card(deal, conversation);
      const sent = await proactively(this.deps.adapter, this.deps.appId, conversationReference(conversation.reference), (context) =>
        context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] }),
      );
      if (sent?.id) await this.deps.docs.put(reviewPostKey(deal.tenantId, deal.id), { activityId: sent.id });
      log.info('review card posted');
    } catch (error) {
      log.error({ err: error }, 'could not post the review card');
    }
  }

  async dealDecided(deal: Deal): Promise<void> {
    const log = this.deps.log.child({ dealId: deal.id });
    try {
      const [conversation, post] = await Promise.all([
        this.conversation(deal.tenantId),
        this.deps.docs.read<unknown>(reviewPostKey(deal.tenantId, deal.id)),
      ]);
      if (!conversation || !post) return;
      const { activityId } = ReviewPost.parse(post.value);
      const card = await this.card(deal, conversation);
      await proactively(this.deps.adapter, this.deps.appId, conversationReference(conversation.reference), (context) =>
        context.updateActivity({ type: 'message', id: activityId, attachments: [CardFactory.adaptiveCard(card)] }),
      );
      log.info('review card updated with the decision');
    } catch (error) {
      log.error({ err: error }, 'could not update the review card');
    }
  }
}

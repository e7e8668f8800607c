import { TeamsInfo, TurnContext } from 'botbuilder';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { noticeCard } from '../views/notice-card.js';

/** The MRIs of this tenant's reviewers among the conversation's members: their cards refresh with buttons. */
async function reviewerMris(turn: Turn): Promise<string[]> {
  const mine = [turn.activity.from.id];
  try {
    const { members } = await TeamsInfo.getPagedMembers(turn.context, 500);
    const ids = members
      .filter((m) => turn.services.reviewers.isReviewer(turn.seller.tenantId, m.aadObjectId))
      .map((m) => m.id);
    return [...new Set([...mine, ...ids])].slice(0, 60);
  } catch (error) {
    // No roster (outside Teams): the reviewer who said it is known; others join when they act.
    turn.log.debug({ err: (error as Error).message }, 'no roster for the review conversation');
    return mine;
  }
}

/** "use this channel for reviews": a reviewer makes this channel or group chat the tenant's review desk. */
export async function useForReviews(turn: Turn): Promise<Card> {
  const { t } = turn.view;
  const type = turn.activity.conversation.conversationType;
  if (type !== 'channel' && type !== 'groupChat') return noticeCard(t('review.channelNeedsGroup'));
  if (!turn.services.reviewers.isReviewer(turn.seller.tenantId, turn.activity.from.aadObjectId)) {
    turn.log.info('a non-reviewer asked to set the review conversation');
    return noticeCard(t('review.channelRefused'));
  }
  const reference = TurnContext.getConversationReference(turn.context.activity);
  await turn.services.board.useConversation(turn.seller.tenantId, {
    reference: {
      serviceUrl: reference.serviceUrl ?? '',
      channelId: reference.channelId ?? 'msteams',
      conversationId: turn.activity.conversation.id,
      conversationType: type,
      tenantId: turn.seller.tenantId,
      botId: turn.activity.recipient?.id ?? '',
    },
    reviewerIds: await reviewerMris(turn),
    locale: turn.seller.locale,
    formatLocale: turn.seller.formatLocale,
    timeZone: turn.seller.timeZone,
  });
  turn.log.info({ conversationType: type }, 'review conversation set');
  return noticeCard(t('review.channelSet'));
}

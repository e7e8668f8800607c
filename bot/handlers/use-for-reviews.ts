import { TeamsInfo, TurnContext } from 'botbuilder';
import { hasRole } from '../../src/domain/actor.js';
import { ConversationName, DEFAULT_CONVERSATION } from '../../src/domain/desk.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { noticeCard } from '../views/notice-card.js';

/** The MRIs of this tenant's reviewers among the conversation's members: their cards refresh with buttons. */
async function reviewerMris(turn: Turn): Promise<string[]> {
  const mine = [turn.activity.from.id];
  try {
    const { members } = await TeamsInfo.getPagedMembers(turn.context, 500);
    const ids = members.filter((m) => turn.services.reviewers.isReviewer(turn.user.tenantId, m.aadObjectId)).map((m) => m.id);
    return [...new Set([...mine, ...ids])].slice(0, 60);
  } catch (error) {
    // No roster (outside Teams): the reviewer who said it is known; others join when they act.
    turn.log.debug({ err: (error as Error).message }, 'no roster for the review conversation');
    return mine;
  }
}

/**
 * "use this channel for reviews [as Nordic]": a reviewer claims this channel or group chat for the tenant's
 * reviews, under a name routing rules can use (none: the default conversation, for deals no rule takes).
 */
export async function useForReviews(turn: Turn, intent: { name?: string }): Promise<Card> {
  const { t } = turn.view;
  const type = turn.activity.conversation.conversationType;
  if (type !== 'channel' && type !== 'groupChat') return noticeCard(t('review.channelNeedsGroup'));
  if (!hasRole(turn.user, 'reviewer')) {
    turn.log.info('a non-reviewer asked to set the review conversation');
    return noticeCard(t('review.channelRefused'));
  }
  const named = ConversationName.safeParse(intent.name ?? DEFAULT_CONVERSATION);
  if (!named.success) return noticeCard(t('review.channelNameInvalid'));
  const reference = TurnContext.getConversationReference(turn.context.activity);
  await turn.services.desk.claim(turn.user.tenantId, {
    name: named.data,
    claimedAt: turn.user.now.toISOString(),
    reference: {
      serviceUrl: reference.serviceUrl ?? '',
      channelId: reference.channelId ?? 'msteams',
      conversationId: turn.activity.conversation.id,
      conversationType: type,
      tenantId: turn.user.tenantId,
      botId: turn.activity.recipient?.id ?? '',
    },
    reviewerIds: await reviewerMris(turn),
    locale: turn.user.locale,
    formatLocale: turn.user.formatLocale,
    timeZone: turn.user.timeZone,
  });
  turn.log.info({ conversationType: type, name: named.data }, 'review conversation claimed');
  return noticeCard(intent.name ? t('review.channelSetNamed', { name: named.data }) : t('review.channelSet'));
}

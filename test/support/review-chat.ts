import { API_KEYS_ENV } from './api-client.js';
import { BotUnderTest } from './bot-under-test.js';
import { SellerClient } from './seller-client.js';

/** The deal desk's group chat in the tests: one reviewer claimed it, so review cards are posted there. */
export const REVIEW_CHAT = '19:deal-desk@thread.v2';

/** A bot with API keys and one reviewer, `reviewer-1` of `tenantId`, who has claimed the review chat. */
export async function botWithReviewChat(tenantId: string, env: Record<string, string> = {}): Promise<BotUnderTest> {
  const bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV, REVIEWERS: `${tenantId}:reviewer-1`, ...env }).start();
  const reviewer = new SellerClient(bot, {
    tenantId,
    conversationId: REVIEW_CHAT,
    conversationType: 'groupChat',
    aadObjectId: 'reviewer-1',
    userId: '29:reviewer-1',
  });
  await reviewer.say('use this chat for reviews');
  return bot;
}

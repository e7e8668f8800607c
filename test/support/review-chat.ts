import { API_KEYS_ENV } from './api-client.js';
import { BotUnderTest } from './bot-under-test.js';
import { allText, type Json } from './cards.js';
import { eventually } from './eventually.js';
import type { FakeConnector } from './fake-connector.js';
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

/** The last update of a card posted in `conversationId`, once it says `what`: for the outbox's own time. */
export function cardUpdatedTo(connector: FakeConnector, conversationId: string, what: RegExp): Promise<Json> {
  const cardOf = (body: Record<string, unknown>) => (body.attachments as { content: Json }[])[0]!.content;
  return eventually(
    () => {
      const last = connector.updated(conversationId).at(-1);
      return last !== undefined && what.test(allText(cardOf(last.body))) && cardOf(last.body);
    },
    10_000,
    `the posted card updated to ${what}`,
  );
}

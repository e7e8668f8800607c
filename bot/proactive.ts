import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationRef } from '../src/store/conversation-refs.js';

/**
 * Runs `act` in a conversation the bot starts itself, and lets its failure reach the caller. The adapter
 * would otherwise hand the error to its turn-error handler (which answers users, and returns normally),
 * so a failed proactive send would look like a success.
 */
export async function proactively<T>(
  adapter: CloudAdapter,
  appId: string,
  reference: ConversationReference,
  act: (context: TurnContext) => Promise<T>,
): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    try {
      outcome = { ok: true, value: await act(context) };
    } catch (error) {
      outcome = { ok: false, error };
    }
  });
  if (!outcome) throw new Error('the proactive turn did not run');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** The Bot Framework reference of a user's 1:1 chat with the bot, from what the store keeps of it. */
export function personalChatReference(ref: ConversationRef): ConversationReference {
  return {
    serviceUrl: ref.serviceUrl,
    channelId: ref.channelId,
    bot: { id: ref.botId, name: 'Dealbot' },
    conversation: { id: ref.conversationId, conversationType: 'personal', tenantId: ref.tenantId, isGroup: false, name: '' },
  };
}

import type { MessageAction } from '../action-data.js';
import type { Turn } from '../turn.js';
import { type ComposeAnswer, composeMessage } from '../views/compose-results.js';
import { dealCard } from '../views/deal-card.js';
import { FROM_MESSAGE } from './receive-text.js';

/** The manifest's message action (appPackage/manifest.json). */
export const REGISTER_FROM_MESSAGE = 'registerFromMessage';

/**
 * "Register as a deal" on any message (a customer's email shared into Teams, a colleague's "we won" post):
 * what it says goes into the seller's draft, which opens in their own chat with the bot; the dialog closes
 * with a line saying where it went.
 */
export async function registerFromMessage(turn: Turn, action: MessageAction): Promise<ComposeAnswer> {
  const { t } = turn.view;
  if (action.commandId !== REGISTER_FROM_MESSAGE) return composeMessage(t('search.unknownCommand'));
  const received = await turn.services.files.receiveText(turn.user, action.text, FROM_MESSAGE, { evenIfLittle: true });
  if (!received?.ok) return composeMessage(t('files.messageUnreadable'));
  const { shown, filled } = received.value;
  const notice =
    filled.length > 0 ? t('files.readMessage', { fields: filled.map((f) => t(`fields.${f}`)).join(', ') }) : t('files.readNothing');
  const posted = await turn.services.personalChat.post(turn.user.tenantId, turn.user.id, dealCard(shown, turn.view, notice));
  return composeMessage(posted ? t('files.draftInChat') : t('files.noChat'));
}

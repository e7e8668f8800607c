import { teamsAnswer } from '../refusals.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealCard } from '../views/deal-card.js';
import { noticeCard } from '../views/notice-card.js';

/** How a deal remembers that a value came from a message rather than a file: shown as "your message". */
export const FROM_MESSAGE = '@message';

/**
 * A message the bot did not understand as a request, which reads as a won deal (a pasted email, a "we won
 * Contoso" post): what it says goes into the seller's draft. Undefined when it says too little to tell.
 */
export async function receiveText(turn: Turn, text: string): Promise<Card | undefined> {
  const { t } = turn.view;
  const received = await turn.services.files.receiveText(turn.user, text, FROM_MESSAGE);
  if (!received) return undefined;
  if (!received.ok) {
    const answer = teamsAnswer(received.refusal, 'seller', t);
    return noticeCard(answer.kind === 'showDeal' ? answer.notice : t('notices.notFound'));
  }
  const { shown, filled, newDraft } = received.value;
  const fields = filled.map((f) => t(`fields.${f}`)).join(', ');
  const notice = filled.length > 0 ? t('files.readMessage', { fields }) : t('files.readNothingNew');
  return dealCard(shown, turn.view, newDraft ? `${t('files.newDraftFromMessage')}\n\n${notice}` : notice);
}

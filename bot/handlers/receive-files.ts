import { dealRef } from '../../src/domain/deal-ref.js';
import type { OfferedFile } from '../../src/services/deal-files.js';
import type { IntakeRefusal } from '../../src/services/file-intake.js';
import { teamsAnswer } from '../refusals.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { dealCard } from '../views/deal-card.js';
import { noticeCard } from '../views/notice-card.js';

const REFUSAL_TEXT: Record<IntakeRefusal, string> = {
  host_not_allowed: 'files.notFetched',
  not_fetched: 'files.notFetched',
  too_large: 'files.tooLarge',
  type_not_accepted: 'files.typeNotAccepted',
};

/**
 * Files sent in the seller's chat with the bot: each kept on the draft they are working on (a new one if
 * they have none), answered with that deal's card and a line per file. Elsewhere Teams gives bots no
 * files, so the seller is told where to send them.
 */
export async function receiveFiles(turn: Turn, offered: readonly OfferedFile[], inPersonalChat: boolean): Promise<Card> {
  const { t } = turn.view;
  if (!inPersonalChat) return noticeCard(t('files.notHere'));
  const lines: string[] = [];
  let shown: Parameters<typeof dealCard>[0] | undefined;
  for (const file of offered) {
    const received = await turn.services.files.receive(turn.user, file);
    if (!received.ok) {
      const answer = teamsAnswer(received.refusal, 'seller', t);
      lines.push(answer.kind === 'showDeal' ? answer.notice : t('notices.notFound'));
      continue;
    }
    const r = received.value;
    if (!r.taken) {
      lines.push(t(REFUSAL_TEXT[r.why], { name: r.name, max: Math.floor(r.maxBytes / (1024 * 1024)) }));
      turn.log.info({ why: r.why }, 'a file was not taken');
      continue;
    }
    shown = r.shown;
    const ref = dealRef(r.shown.deal.id);
    if (r.newDraft) lines.push(t('files.newDraft', { name: r.file.name }));
    else lines.push(t(r.added ? 'files.added' : 'files.alreadyThere', { name: r.file.name, ref }));
    if (r.filled.length > 0) {
      lines.push(t('files.read', { name: r.file.name, fields: r.filled.map((f) => t(`fields.${f}`)).join(', ') }));
    }
  }
  return shown ? dealCard(shown, turn.view, lines.join('\n\n')) : noticeCard(lines.join('\n\n'));
}

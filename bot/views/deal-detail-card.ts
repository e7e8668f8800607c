import type { Deal } from '../../src/domain/deal.js';
import { dealLinkPath, dealRef } from '../../src/domain/deal-ref.js';
import { pageOf } from '../../src/domain/status.js';
import type { ShownDeal } from '../../src/services/shown-deal.js';
import { formatDateTime } from '../format.js';
import { bindCard, type Card } from '../render.js';
import { dealSections, valueAndWarnings } from './deal-sections.js';
import { fileLines } from './file-lines.js';
import type { ViewContext } from './view-context.js';

/** The deal desk's latest word: the comment on the newest change the owner did not make. */
export function reviewerComment(deal: Deal): string {
  return [...deal.history].reverse().find((h) => h.by !== deal.ownerId && h.comment)?.comment ?? '';
}

/**
 * One history line's what: a move between statuses, or a step that kept the status, by its kind. Every
 * kind has its line (the compiler checks the switch whole): none reads "In review → In review".
 */
export function historyMove(h: Deal['history'][number], t: ViewContext['t']): string {
  switch (h.kind) {
    case undefined:
      return h.from
        ? t('detail.historyMove', { from: t(`status.${h.from}`), to: t(`status.${h.to}`) })
        : t('detail.historyCreated', { to: t(`status.${h.to}`) });
    case 'reply':
      return t('detail.historyReply');
    case 'withdrawn':
      return t('detail.historyWithdrawn');
    case 'approval':
      return t('detail.historyApproval');
    case 'erased':
      return t('detail.historyErased');
    default:
      return unknownKind(h.kind);
  }
}

function unknownKind(kind: never): never {
  throw new Error(`a history entry of a kind no card shows: ${String(kind)}`);
}

/**
 * Every field, the status, the reviewer's comment, the history, and as buttons the steps the seller may take
 * now (the transition table's answer, `steps`).
 */
export function dealDetailCard({ deal, steps }: Pick<ShownDeal, 'deal' | 'steps'>, ctx: ViewContext, notice = '', intro = ''): Card {
  const { t } = ctx;
  const when = (iso: string) => formatDateTime(iso, ctx.formatLocale, ctx.timeZone);
  return bindCard('deal-detail', {
    files: fileLines(deal, ctx),
    t: {
      files: t('files.title'),
      title: t('detail.title', { ref: dealRef(deal.id) }),
      intro,
      reviewerComment: t('detail.reviewerComment'),
      annualValue: t('fields.annualValue'),
      history: t('detail.history'),
      continue: t('detail.continue'),
      update: t('detail.update'),
      discard: t('detail.discard'),
      discardConfirm: t('detail.discardConfirm'),
      discardYes: t('detail.discardYes'),
      backToList: t('detail.backToList'),
      withdraw: t('detail.withdraw'),
      withdrawConfirm: t('detail.withdrawConfirm'),
      withdrawYes: t('detail.withdrawYes'),
      reply: t('detail.reply'),
      replyLabel: t('detail.replyLabel'),
      replySend: t('detail.replySend'),
      copyLink: t('detail.copyLink'),
      linkHint: t('detail.linkHint'),
    },
    link: ctx.publicUrl ? `${ctx.publicUrl}${dealLinkPath(deal.id)}` : '',
    notice,
    facts: [
      { title: t('fields.status'), value: t(`status.${deal.status}`) },
      { title: t('detail.lastChange'), value: when(deal.updatedAt) },
    ],
    comment: reviewerComment(deal),
    sections: dealSections(deal, ctx).filter((s) => s.rows.length > 0),
    annualValue: valueAndWarnings(deal, ctx).annualValue,
    history: [...deal.history].reverse().map((h) => ({
      when: when(h.at),
      move: historyMove(h, t),
      who: h.byName ?? (h.by === deal.ownerId ? '' : t('detail.deskName')),
      comment: h.comment ? ` · ${h.comment}` : '',
    })),
    can: {
      // A deal sent back is opened for its update (the wizard then walks the flagged steps); a draft is continued.
      continue: steps.has('register') && !steps.has('startUpdate'),
      update: steps.has('startUpdate'),
      discard: steps.has('discard'),
      withdraw: steps.has('withdraw'),
      reply: steps.has('replyInReview') || steps.has('replyToUpdate'),
      // A draft is its seller's alone: a link to it would unfurl for no one else.
      copyLink: ctx.publicUrl !== '' && deal.registeredAt !== undefined,
    },
    card: { dealId: deal.id, version: deal.version },
    page: pageOf(deal.status),
  });
}

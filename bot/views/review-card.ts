import type { Deal } from '../../src/domain/deal.js';
import { dealRef } from '../../src/domain/deal-ref.js';
import { FLAGGABLE_FIELDS } from '../../src/domain/registration.js';
import type { TransitionName } from '../../src/domain/transition.js';
import { formatDateTime } from '../format.js';
import { bindCard, type Card } from '../render.js';
import { dealSections, valueAndWarnings } from './deal-sections.js';
import { duplicateLines } from './duplicate-lines.js';
import { fileLines } from './file-lines.js';
import type { ViewContext } from './view-context.js';

export interface ReviewCardOptions {
  /** What the user may do now (the transition table's answer): Approve / Decline / Request update when they may decide. */
  steps: ReadonlySet<TransitionName>;
  /** Teams user ids (MRIs) whose clients fetch their own view of the card (the reviewers'). */
  refreshUserIds: readonly string[];
  duplicates: readonly Deal[];
  notice?: string;
  typed?: { comment?: string; fields?: string };
  errors?: { comment?: string };
  /** Opened from the review queue: a button back to it. */
  backToQueue?: boolean;
}

/** Four-eyes: how many of the approvals needed were given, and by whom ("1 of 2: Eva Lund"). */
function approvalFacts(deal: Deal, ctx: ViewContext) {
  const review = deal.review;
  if (!review || review.approvalsRequired < 2) return [];
  const { t } = ctx;
  const given = review.approvals.length;
  const who = review.approvals.map((a) => a.byName ?? t('review.someone')).join(', ');
  return [
    { title: t('review.approvals'), value: t('review.approvalsGiven', { given, required: review.approvalsRequired, who: who || '–' }) },
  ];
}

/** A deal as the deal desk sees it: every field, warnings, the outcome once decided, and the decision inputs. */
export function reviewCard(deal: Deal, ctx: ViewContext, o: ReviewCardOptions): Card {
  const { t } = ctx;
  const when = (iso: string) => formatDateTime(iso, ctx.formatLocale, ctx.timeZone);
  // The change that took the deal out of review: a decision or a withdrawal, never a reply or an erasure after it.
  const decided =
    deal.status !== 'in_review' ? [...deal.history].reverse().find((h) => h.kind === undefined || h.kind === 'withdrawn') : undefined;
  const outcomeOf = (h: NonNullable<typeof decided>) =>
    h.kind === 'withdrawn'
      ? t('review.withdrawn', { who: h.byName ?? deal.ownerName ?? deal.ownerId, when: when(h.at) })
      : t('review.outcome', { status: t(`status.${h.to}`), who: h.byName ?? t('review.someone'), when: when(h.at) });
  // The seller's replies since the deal last entered review.
  const enteredReview = deal.history.map((h) => h.to === 'in_review' && h.from !== 'in_review').lastIndexOf(true);
  const replies = deal.history
    .slice(Math.max(0, enteredReview))
    .filter((h) => h.kind === 'reply')
    .map((h) => ({ when: when(h.at), text: h.comment ?? '' }));
  const { annualValue, warnings } = valueAndWarnings(deal, ctx);
  const duplicates = duplicateLines(
    o.duplicates,
    (d) => t('review.duplicate', { ref: dealRef(d.id), when: when(d.registeredAt ?? d.createdAt), status: t(`status.${d.status}`) }),
    t,
  );
  return bindCard('review-card', {
    files: fileLines(deal, ctx),
    t: {
      files: t('files.title'),
      title: t('review.title', { ref: dealRef(deal.id) }),
      seller: t('review.seller'),
      annualValue: t('fields.annualValue'),
      comment: t('review.comment'),
      fields: t('review.fields'),
      approve: t('review.approve'),
      decline: t('review.decline'),
      requestUpdate: t('review.requestUpdate'),
      refresh: t('review.refresh'),
      exception: t('exception.requested'),
      replies: t('review.replies'),
      backToQueue: t('queue.back'),
    },
    backToQueue: o.backToQueue ?? false,
    seller: deal.ownerName ?? deal.ownerId,
    exception: deal.exception?.reason ?? '',
    notice: o.notice ?? '',
    facts: [
      { title: t('fields.status'), value: t(`status.${deal.status}`) },
      { title: t('review.registeredAt'), value: when(deal.registeredAt ?? deal.updatedAt) },
      ...approvalFacts(deal, ctx),
    ],
    warnings: [...duplicates, ...warnings],
    sections: dealSections(deal, ctx).filter((s) => s.rows.length > 0),
    annualValue,
    outcome: decided ? outcomeOf(decided) : '',
    replies,
    decisionComment: decided?.comment ?? '',
    actionable: o.steps.has('decline'),
    typed: { comment: o.typed?.comment ?? '', fields: o.typed?.fields ?? '' },
    errors: { comment: o.errors?.comment ?? '' },
    flaggable: FLAGGABLE_FIELDS.map((field) => ({ value: field, title: t(`fields.${field}`, { defaultValue: field }) })),
    card: { dealId: deal.id, version: deal.version },
    refreshUserIds: o.refreshUserIds,
  });
}

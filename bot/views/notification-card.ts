import { ownerOf } from '../../src/domain/actor.js';
import type { Deal, OutboxEntry } from '../../src/domain/deal.js';
import { dealRef } from '../../src/domain/deal-ref.js';
import { allowedSteps } from '../../src/domain/transition.js';
import { formatDate } from '../format.js';
import { bindCard, type Card } from '../render.js';
import { VERBS } from '../verbs.js';
import type { ViewContext } from './view-context.js';

interface Notice {
  deal: Deal;
  entry: OutboxEntry;
}

/** What happened, in one line of the owner's language. */
function headline({ deal, entry }: Notice, ctx: ViewContext): string {
  const { t } = ctx;
  const ref = dealRef(deal.id);
  switch (entry.kind) {
    case 'referral_created':
      return t('notify.referral', { ref });
    case 'reminder':
      return t(`notify.reminder.${entry.to}`, { ref });
    case 'window_closing':
      return t('notify.windowClosing', { ref, date: formatDate(entry.closesOn ?? '', ctx.formatLocale) });
    default:
      return t(`notify.${entry.to}`, { ref });
  }
}

/** The owner's next step as a button, as the transition table allows it: update a deal sent back, continue a draft, else view it. */
function nextStep({ deal }: Notice, ctx: ViewContext) {
  const { t } = ctx;
  const steps = allowedSteps(deal, ownerOf(deal));
  if (steps.has('startUpdate')) return { verb: VERBS.dealUpdate, title: t('notify.update') };
  if (steps.has('register')) return { verb: VERBS.dealContinue, title: t('notify.continue') };
  return { verb: VERBS.dealOpen, title: t('notify.view') };
}

const commentOf = (entry: OutboxEntry) => (entry.kind === 'status_changed' ? (entry.comment ?? '') : '');

/** The fields the deal desk asked to check, by their labels, when a deal is sent back (or waits for that). */
function flaggedFields({ deal, entry }: Notice, ctx: ViewContext): string {
  if (deal.status !== 'update_required' || entry.to !== 'update_required' || deal.flagged.length === 0) return '';
  return deal.flagged.map((field) => ctx.t(`fields.${field}`, { defaultValue: field })).join(', ');
}

/** One change the owner did not make, with the deal desk's comment and the next step. */
export function notificationCard(notice: Notice, ctx: ViewContext): Card {
  return bindCard('notification', {
    t: { comment: ctx.t('notify.comment'), fields: ctx.t('notify.fields') },
    title: headline(notice, ctx),
    customer: notice.deal.fields.customer?.companyName ?? '',
    comment: commentOf(notice.entry),
    fields: flaggedFields(notice, ctx),
    next: nextStep(notice, ctx),
    dealId: notice.deal.id,
  });
}

/** Several at once (the owner was away): one card listing them, each with Open. */
export function digestCard(notices: readonly Notice[], ctx: ViewContext): Card {
  return bindCard('digest', {
    t: { open: ctx.t('notify.open'), fields: ctx.t('notify.fields') },
    title: ctx.t('notify.digestTitle', { count: notices.length }),
    items: notices.map((n) => ({
      line: headline(n, ctx),
      customer: n.deal.fields.customer?.companyName ?? '',
      comment: commentOf(n.entry),
      fields: flaggedFields(n, ctx),
      dealId: n.deal.id,
    })),
  });
}

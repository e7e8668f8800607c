import type { Deal, OutboxEntry } from '../../src/domain/deal.js';
import { dealRef } from '../../src/services/deals-service.js';
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

/** The next step as a button: update a deal sent back, continue a draft, else view the deal. */
function nextStep({ deal }: Notice, ctx: ViewContext) {
  const { t } = ctx;
  if (deal.status === 'update_required') return { verb: VERBS.dealUpdate, title: t('notify.update') };
  if (deal.status === 'incomplete') return { verb: VERBS.dealContinue, title: t('notify.continue') };
  return { verb: VERBS.dealOpen, title: t('notify.view') };
}

const commentOf = (entry: OutboxEntry) => (entry.kind === 'status_changed' ? (entry.comment ?? '') : '');

/** One change the owner did not make, with the deal desk's comment and the next step. */
export function notificationCard(notice: Notice, ctx: ViewContext): Card {
  return bindCard('notification', {
    t: { comment: ctx.t('notify.comment') },
    title: headline(notice, ctx),
    customer: notice.deal.fields.customer?.companyName ?? '',
    comment: commentOf(notice.entry),
    next: nextStep(notice, ctx),
    dealId: notice.deal.id,
  });
}

/** Several at once (the owner was away): one card listing them, each with Open. */
export function digestCard(notices: readonly Notice[], ctx: ViewContext): Card {
  return bindCard('digest', {
    t: { open: ctx.t('notify.open') },
    title: ctx.t('notify.digestTitle', { count: notices.length }),
    items: notices.map((n) => ({
      line: headline(n, ctx),
      customer: n.deal.fields.customer?.companyName ?? '',
      comment: commentOf(n.entry),
      dealId: n.deal.id,
    })),
  });
}

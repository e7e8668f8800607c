import { bindCard, type Card } from '../render.js';
import { VERBS, type Verb } from '../verbs.js';
import type { ViewContext } from './view-context.js';

export interface Button {
  verb: Verb;
  title: string;
  data?: Record<string, string | number>;
}

/** A short message with the next steps as buttons. */
export function noticeCard(text: string, buttons: Button[] = [], title = ''): Card {
  return bindCard('notice', { title, text, buttons: buttons.map((b) => ({ ...b, data: b.data ?? {} })) });
}

/**
 * A deal the seller cannot find (discarded, or never theirs): said so, with the ways on from there, so the
 * card is no dead end.
 */
export function dealNotFoundCard(ctx: ViewContext): Card {
  const { t } = ctx;
  return noticeCard(t('notices.notFound'), [
    { verb: VERBS.dealsList, title: t('welcome.myDeals') },
    { verb: VERBS.dealNew, title: t('welcome.register') },
  ]);
}

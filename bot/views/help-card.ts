import { PAGE_NAMES } from '../../src/domain/status.js';
import { bindCard, type Card } from '../render.js';
import type { ViewContext } from './view-context.js';

/** What the bot can do, with the pages as buttons: the answer to "help" and to anything not understood. */
export function helpCard(ctx: ViewContext, notice = ''): Card {
  const { t } = ctx;
  return bindCard('help', {
    t: { title: t('help.title'), register: t('welcome.register') },
    notice,
    examples: t('help.examples', { returnObjects: true }) as string[],
    pages: PAGE_NAMES.map((page) => ({ page, title: t(`pages.${page}`) })),
  });
}

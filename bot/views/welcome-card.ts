import { bindCard, type Card } from '../render.js';
import type { ViewContext } from './view-context.js';

export function welcomeCard(ctx: ViewContext, notice = ''): Card {
  const { t } = ctx;
  return bindCard('welcome', {
    t: {
      title: t('welcome.title'),
      text: t('welcome.text'),
      hint: t('welcome.hint'),
      register: t('welcome.register'),
      continue: t('welcome.continue'),
      myDeals: t('welcome.myDeals'),
      pipeline: t('welcome.pipeline'),
    },
    notice,
  });
}

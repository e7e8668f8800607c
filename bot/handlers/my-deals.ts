import { PAGE_NAMES } from '../../src/domain/status.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { VERBS } from '../verbs.js';
import { noticeCard } from '../views/notice-card.js';

/** "My deals": each page with how many deals are on it, as buttons. */
export async function myDeals(turn: Turn): Promise<Card> {
  const { t } = turn.view;
  const counts = await turn.services.deals.overview(turn.user);
  return noticeCard(
    t('welcome.text'),
    [
      ...PAGE_NAMES.map((page) => ({
        verb: VERBS.dealsPage,
        title: t('overview.button', { page: t(`pages.${page}`), count: counts[page] }),
        data: { page },
      })),
      { verb: VERBS.dealNew, title: t('welcome.register') },
    ],
    t('overview.title'),
  );
}

import { PAGES } from '../../src/domain/status.js';
import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { VERBS } from '../verbs.js';
import { noticeCard } from '../views/notice-card.js';

const COUNT_LIMIT = 100;

/** "My deals": how many deals wait on each page, and the way back into the newest draft. */
export async function myDeals(turn: Turn): Promise<Card> {
  const { t } = turn.view;
  const { tenantId, userId } = turn.seller;
  const lines: string[] = [];
  for (const statuses of Object.values(PAGES)) {
    for (const status of statuses) {
      const deals = await turn.services.deals.listByOwner(tenantId, userId, status, COUNT_LIMIT);
      if (deals.length > 0) lines.push(t('myDeals.line', { status: t(`status.${status}`), count: deals.length }));
    }
  }
  const text = lines.length > 0 ? lines.join('\n\n') : t('myDeals.none');
  return noticeCard(
    text,
    [
      { verb: VERBS.dealNew, title: t('welcome.register') },
      { verb: VERBS.dealContinue, title: t('welcome.continue') },
    ],
    t('welcome.myDeals'),
  );
}

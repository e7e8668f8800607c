import assert from 'node:assert/strict';
import { dealCard } from '../../../bot/views/deal-card.js';
import { reviewCard } from '../../../bot/views/review-card.js';
import { viewContext } from '../../../bot/views/view-context.js';
import type { Deal } from '../../../src/domain/deal.js';
import { LOCALES } from '../../../src/domain/deal.js';
import { PARTNER_CENTER_POLICY } from '../../../src/domain/policy.js';
import { seededDeal } from '../../support/seed.js';

/** What Teams takes in one bot message (about 28 KB), less room for the activity around the card. */
const CARD_BUDGET_BYTES = 26 * 1024;
const now = new Date('2026-12-07T10:00:00Z');

/** A deal with every text at its longest. */
function longest(status: Deal['status'], i = 0): Deal {
  const deal = seededDeal({ tenantId: 't', ownerId: `o-${i}`, status, companyName: 'Å'.repeat(200), minutesAgo: i, now });
  deal.fields.customer = { companyName: 'Å'.repeat(200), country: 'SE', city: 'Ö'.repeat(100), state: 'Ä'.repeat(100) };
  deal.fields.contact = {
    firstName: 'K'.repeat(100),
    lastName: 'L'.repeat(100),
    phone: '+46812345678',
    email: `${'e'.repeat(240)}@x.example`,
  };
  deal.ownerName = 'N'.repeat(100);
  deal.exception = { reason: 'R'.repeat(500), at: now.toISOString() };
  return deal;
}

const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card));

describe('cards stay within what Teams accepts in one message', () => {
  // A customer with a thousand deals: the case that made a 209 KB summary and a 166 KB review card.
  const duplicates = Array.from({ length: 1000 }, (_, i) => longest('approved', i + 1));

  for (const locale of LOCALES) {
    const ctx = viewContext(
      { locale, formatLocale: 'fi-FI' },
      [{ id: 'contoso-ai-insights', name: 'S'.repeat(200) }],
      PARTNER_CENTER_POLICY,
    );

    it(`${locale}: the seller's summary and the desk's review card, with 1,000 likely duplicates, at their longest`, () => {
      const draft = longest('incomplete');
      const summary = dealCard({ deal: draft, steps: new Set(['edit', 'register']), duplicates, recentCurrencies: [] }, ctx);
      assert.ok(bytes(summary) < CARD_BUDGET_BYTES, `summary: ${bytes(summary)} bytes`);
      assert.match(JSON.stringify(summary), /995/, 'the rest are counted, not dropped');
      const review = reviewCard(longest('in_review'), ctx, {
        steps: new Set(['approve', 'decline', 'requestUpdate']),
        refreshUserIds: Array(60).fill('29:'.padEnd(90, 'x')),
        duplicates,
      });
      assert.ok(bytes(review) < CARD_BUDGET_BYTES, `review card: ${bytes(review)} bytes`);
    });
  }
});

import type { Locale } from '../domain/deal.js';

/** Who is acting, as the bot established it from the activity (never from card data). */
export interface Seller {
  tenantId: string;
  userId: string;
  userName?: string;
  locale: Locale;
  /** The seller's calendar date, YYYY-MM-DD. */
  today: string;
  now: Date;
  decimalSeparator: ',' | '.';
}

export interface ContactPrefill {
  firstName?: string;
  lastName?: string;
  email?: string;
}

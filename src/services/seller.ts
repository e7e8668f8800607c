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
  /** The region of the seller's locale ("SE" for sv-SE), if it names one. */
  region?: string;
  /** The seller's BCP 47 locale, for names typed in their language. */
  formatLocale?: string;
}

export interface ContactPrefill {
  firstName?: string;
  lastName?: string;
  email?: string;
}

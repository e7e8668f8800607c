import type { Actor } from '../domain/actor.js';
import type { Locale } from '../domain/deal.js';

/**
 * The person acting in Teams, as the edge established it from the activity (never from card data): who
 * they are and may be (an Actor: a seller of their own deals, a reviewer when REVIEWERS names them), and
 * how they speak, count and keep time.
 */
export interface User extends Actor {
  locale: Locale;
  /** Their BCP 47 locale, for numbers, dates and names typed in their language. */
  formatLocale: string;
  /** Their IANA time zone, for when things happened. */
  timeZone: string;
  /** Their calendar date, YYYY-MM-DD. */
  today: string;
  now: Date;
  decimalSeparator: ',' | '.';
  /** The region of their locale ("SE" for sv-SE), if it names one. */
  region?: string;
}

/** What Teams knows of a user's profile, to fill in the registration contact. */
export interface ContactPrefill {
  firstName?: string;
  lastName?: string;
  email?: string;
}

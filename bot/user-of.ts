import type { Role } from '../src/domain/actor.js';
import { DAY_MS } from '../src/domain/dates.js';
import { LOCALES, type Locale } from '../src/domain/deal.js';
import type { User } from '../src/services/user.js';
import type { IncomingActivity } from './activity.js';
import { decimalSeparatorOf } from './format.js';
import { catalogues } from './i18n/index.js';
import { Remembered } from './remembered.js';

// Checking a tag or zone with Intl costs more than the rest of reading the activity.
const locales = new Remembered<{ locale: Locale; formatLocale: string }>(1000);
const zones = new Remembered<string>(1000);

/** The locale tag the activity carries: its own, else the client's; undefined when it sends neither. */
export function localeTagOf(activity: IncomingActivity): string | undefined {
  return activity.locale ?? activity.entities?.find((e) => e.type === 'clientInfo')?.locale;
}

/** Teams locale: the activity's, else the client's, else English; the language picks the catalogue. */
export function localeOf(activity: IncomingActivity, tag = localeTagOf(activity)): { locale: Locale; formatLocale: string } {
  return locales.get(tag ?? 'en-US', localeOfTag);
}

/** Language subtags to the catalogue that speaks them: each locale's own, and the others its catalogue
 *  names (Norwegian in any form, no, nb or nn, is Bokmål). */
const LANGUAGE_OF_SUBTAG = new Map<string, Locale>(
  LOCALES.flatMap((locale) => [locale, ...catalogues[locale].said.alsoTaggedAs].map((subtag): [string, Locale] => [subtag, locale])),
);

/** The catalogue a BCP 47 tag speaks; anything unknown English. */
function languageOfTag(canonical: string): Locale {
  return LANGUAGE_OF_SUBTAG.get(canonical.toLowerCase().split('-')[0] ?? '') ?? 'en';
}

function localeOfTag(tag: string): { locale: Locale; formatLocale: string } {
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? 'en-US';
  } catch {
    canonical = 'en-US'; // not a BCP 47 tag: treat as no locale given
  }
  const locale = languageOfTag(canonical);
  const formatLocale = canonical.includes('-') && canonical.toLowerCase().startsWith(locale) ? canonical : catalogues[locale].said.region;
  return { locale, formatLocale };
}

/**
 * The user's calendar date from the client's local timestamp, so "signed today" works in every time
 * zone; trusted only within a day of UTC, since the client sets it.
 */
export function todayOf(activity: IncomingActivity, now: Date): string {
  const utc = now.toISOString().slice(0, 10);
  const local = typeof activity.localTimestamp === 'string' ? activity.localTimestamp.slice(0, 10) : undefined;
  if (!local || !/^\d{4}-\d{2}-\d{2}$/.test(local)) return utc;
  const diff = Math.abs(Date.parse(`${local}T00:00:00Z`) - Date.parse(`${utc}T00:00:00Z`));
  return diff <= DAY_MS ? local : utc;
}

/** The client's IANA time zone, for showing when things happened; UTC when it sends none or a bad one. */
export function timeZoneOf(activity: IncomingActivity): string {
  const zone = activity.entities?.find((e) => e.type === 'clientInfo')?.timezone;
  return zone ? zones.get(zone, knownZone) : 'UTC';
}

function knownZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return 'UTC'; // not a zone Intl knows
  }
}

/** "SE" from "sv-SE": the region a locale names, if any. */
function regionOf(formatLocale: string): string | undefined {
  const region = formatLocale.split('-').at(-1);
  return region && /^[A-Z]{2}$/.test(region) ? region : undefined;
}

/** Product decision for local tools without a tenant (Emulator, Playground): they share one "local" tenant. */
export const LOCAL_TENANT = 'local';

/** The tenant an activity comes from (local tools without one share LOCAL_TENANT). */
export const tenantOf = (activity: IncomingActivity): string =>
  activity.channelData?.tenant?.id ?? activity.conversation.tenantId ?? LOCAL_TENANT;

/**
 * The user acting in this turn, made once at the edge from the verified activity (never from card data):
 * who they are (their Entra object id), what they may be (a seller of their own deals always; a reviewer
 * when REVIEWERS names them), and how they speak. `localeTag`: the tag to speak in, when not the
 * activity's own (a card click answered in the user's language).
 */
export function userOf(activity: IncomingActivity, now: Date, isReviewer: boolean, localeTag = localeTagOf(activity)): User {
  const { locale, formatLocale } = localeOf(activity, localeTag);
  const roles: Role[] = isReviewer ? ['seller', 'reviewer'] : ['seller'];
  return {
    tenantId: tenantOf(activity),
    id: activity.from.aadObjectId ?? activity.from.id,
    name: activity.from.name,
    roles,
    locale,
    formatLocale,
    timeZone: timeZoneOf(activity),
    today: todayOf(activity, now),
    now,
    decimalSeparator: decimalSeparatorOf(formatLocale),
    region: regionOf(formatLocale),
  };
}

import { z } from 'zod';

/** A calendar date, YYYY-MM-DD, that exists (zod's ISO date rejects 2026-02-30). */
export const CalendarDate = z.iso.date({ error: 'date.invalid' });
export type CalendarDate = z.infer<typeof CalendarDate>;

/** A day in milliseconds: the one place it is written. */
export const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The same day `years` later; 29 February falls back to 28 February in common years. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

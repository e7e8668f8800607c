/** A calendar date `days` from today (UTC), as Input.Date sends it. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Waits until `check` holds (or throws its last failure after `ms`): for what the outbox does on its own time.
 * `ms` is a bound on liveness, not a measurement: generous, so a busy machine never fails a test by it.
 */
export async function eventually<T>(check: () => T | Promise<T>, ms = 60_000, what = 'condition'): Promise<Exclude<T, false | undefined>> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false && result !== undefined) return result as Exclude<T, false | undefined>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw last instanceof Error ? last : new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

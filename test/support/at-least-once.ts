import assert from 'node:assert/strict';

/**
 * Delivery is at least once: a message is sent again only when the instance that sent it died before it
 * could record the send. So between any two arrivals of the same message a kill must lie; several sends
 * may be in flight at a kill, so one kill may explain several duplicates. `arrivals` are the times each
 * message reached the fake connector, `killedAt` the times the bot was killed (after its process exited).
 */
export function assertDuplicatesOnlyAcrossKills(arrivals: Map<string, number[]>, killedAt: readonly number[]): number {
  let duplicates = 0;
  for (const [message, times] of arrivals) {
    const sorted = [...times].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) {
      duplicates++;
      const [before, after] = [sorted[i - 1]!, sorted[i]!];
      assert.ok(
        killedAt.some((k) => before <= k && k <= after),
        `${message} arrived twice with no kill in between`,
      );
    }
  }
  return duplicates;
}

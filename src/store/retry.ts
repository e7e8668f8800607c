import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A pause after losing a compare-and-swap: writers that collided and retried at once would collide again,
 * so each waits a random moment, longer the more often it lost (up to 50 ms). The first retry is at once.
 */
export function afterConflict(attempt: number): Promise<void> {
  if (attempt === 0) return Promise.resolve();
  return sleep(Math.random() * Math.min(50, 2 ** attempt));
}

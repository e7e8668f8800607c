/**
 * The seed of a test's random choices (fuzz inputs, crash kill points): TEST_SEED (or FUZZ_SEED) when
 * set, as CI sets it, so a run is the same every time; otherwise a new one per run. Tests print it in
 * their titles, so any run can be replayed with TEST_SEED=<seed>.
 */
export const TEST_SEED = Number(process.env.TEST_SEED ?? process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** A small seeded generator (mulberry32): the same seed gives the same numbers, in [0, 1). */
export function seededRandom(seed = TEST_SEED): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

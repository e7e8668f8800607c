/** Percentiles of a sample of latencies, in milliseconds. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export interface Latency {
  p50: number;
  p99: number;
  count: number;
}

export async function measure(count: number, run: (i: number) => Promise<unknown>): Promise<Latency> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), count };
}

export const ms = (n: number) => `${n.toFixed(3)} ms`;

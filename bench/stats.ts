import { readFileSync } from 'node:fs';

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

/** How long each of `count` runs took, in milliseconds, one after another. */
export async function timings(count: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return times;
}

export function latencyOf(times: readonly number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), count: sorted.length };
}

export async function measure(count: number, run: (i: number) => Promise<unknown>): Promise<Latency> {
  return latencyOf(await timings(count, run));
}

export const ms = (n: number) => `${n.toFixed(3)} ms`;

/** CPU time the whole machine spent busy and in all, from /proc/stat (Linux), in clock ticks. */
function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const ticks = fields.map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle + iowait
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU seconds a process has used so far, from /proc/PID/stat (user + system). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}
const CLOCK_TICKS_PER_SECOND = 100;

/** How busy the machine's cores were while `run` ran, from 0 to 1, with what `run` returned. */
export async function withMachineLoad<T>(run: () => Promise<T>): Promise<{ result: T; busy: number }> {
  const before = machineTicks();
  const result = await run();
  const after = machineTicks();
  return { result, busy: (after.busy - before.busy) / (after.total - before.total) };
}

// Preloaded into the processes the footprint benchmark starts (node --expose-gc --import): on SIGUSR2,
// a full collection, then the memory that is still held, as a JSON line on stdout. V8 collects lazily,
// so without this, resident memory after traffic is mostly garbage not yet collected.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ collected: { heapUsed, rss } })}\n`);
});

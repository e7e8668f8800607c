/**
 * Runs `work` now and then again every `intervalMs()` after each run ends, until stopped; a failed run is
 * reported and the next one comes as usual. `runNow` runs it once more at once (tests, after advancing
 * their clock), never alongside a run already going.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly intervalMs: () => number,
    private readonly failed: (error: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One run now, after the one going (if any) ends. */
  async runNow(): Promise<void> {
    await this.running;
    await this.run();
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      void this.run().finally(() => {
        if (!this.stopped) this.schedule(this.intervalMs());
      });
    }, ms);
  }

  private run(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.work()
      .catch(this.failed)
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}

/**
 * A scanner that runs on a PeriodicTask: started with the bot, stopped with it, and run once on demand
 * (tests, after advancing their clock). Subclasses make `task` in their constructor.
 */
export abstract class PeriodicScanner {
  protected abstract readonly task: PeriodicTask;

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One run now, after the one going (if any) ends. */
  runNow(): Promise<void> {
    return this.task.runNow();
  }
}

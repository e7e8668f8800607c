import type { Clock } from '../clock.js';
import type { Solution } from '../solutions.js';
import type { SolutionsRepository } from '../store/solutions-repository.js';

/**
 * How long a tenant's catalogue, once read, is used without reading it again. Every turn shows or checks
 * it (a wizard step did twice, a fifth of its store reads); a change made through this process is seen at
 * once, one made through another instance within this time.
 */
const KEPT_FOR_MS = 1000;

/**
 * Each tenant's solution catalogue: what the deal desk (or an integration) last PUT, else the file the
 * deployment ships with.
 */
export class SolutionCatalogue {
  private readonly kept = new Map<string, { until: number; solutions: Promise<readonly Solution[]> }>();

  constructor(
    private readonly stored: SolutionsRepository,
    private readonly fallback: readonly Solution[],
    private readonly clock: Clock,
  ) {}

  list(tenantId: string): Promise<readonly Solution[]> {
    const now = this.clock().getTime();
    const kept = this.kept.get(tenantId);
    if (kept && kept.until > now) return kept.solutions;
    const solutions = this.read(tenantId);
    // A failed read is not kept: the next turn asks the store again.
    solutions.catch(() => this.kept.delete(tenantId));
    this.forgetExpired(now);
    this.kept.set(tenantId, { until: now + KEPT_FOR_MS, solutions });
    return solutions;
  }

  async replace(tenantId: string, solutions: readonly Solution[]): Promise<void> {
    await this.stored.put(tenantId, solutions);
    this.kept.delete(tenantId);
  }

  private async read(tenantId: string): Promise<readonly Solution[]> {
    return (await this.stored.get(tenantId)) ?? this.fallback;
  }

  /** Tenants come and go: entries past their time are dropped as new ones are added. */
  private forgetExpired(now: number): void {
    if (this.kept.size < 1000) return;
    for (const [tenantId, kept] of this.kept) if (kept.until <= now) this.kept.delete(tenantId);
  }
}

import type { Solution } from '../solutions.js';
import { z } from 'zod';
import { Solution as SolutionSchema } from '../solutions.js';
import type { Documents } from '../store/documents.js';
import { solutionsKey } from '../store/keys.js';

const Stored = z.array(SolutionSchema);

/**
 * Each tenant's solution catalogue: what the deal desk (or an integration) last PUT, else the file the
 * deployment ships with.
 */
export class SolutionCatalogue {
  constructor(
    private readonly docs: Documents,
    private readonly fallback: readonly Solution[],
  ) {}

  async list(tenantId: string): Promise<readonly Solution[]> {
    const found = await this.docs.read<unknown>(solutionsKey(tenantId));
    return found ? Stored.parse(found.value) : this.fallback;
  }

  async replace(tenantId: string, solutions: readonly Solution[]): Promise<void> {
    await this.docs.put(solutionsKey(tenantId), solutions);
  }
}

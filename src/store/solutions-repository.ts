import { z } from 'zod';
import { Solution } from '../solutions.js';
import type { Documents } from './documents.js';
import { solutionsKey } from './keys.js';

export const StoredSolutions = z.object({ solutions: z.array(Solution) });

/** Each tenant's solution catalogue as the deal desk (or an integration) last PUT it. */
export class SolutionsRepository {
  constructor(private readonly docs: Documents) {}

  /** The tenant's own catalogue; undefined if none was ever PUT. */
  async get(tenantId: string): Promise<Solution[] | undefined> {
    const found = await this.docs.read<unknown>(solutionsKey(tenantId));
    return found ? StoredSolutions.parse(found.value).solutions : undefined;
  }

  async put(tenantId: string, solutions: readonly Solution[]): Promise<void> {
    await this.docs.put(solutionsKey(tenantId), { solutions });
  }
}

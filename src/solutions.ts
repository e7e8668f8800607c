import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const Solution = z.object({ id: z.string().min(1).max(100), name: z.string().min(1).max(200) });
export type Solution = z.infer<typeof Solution>;
export const SolutionCatalogue = z.object({ solutions: z.array(Solution).min(1) });

/** The organisation's solution catalogue, read once at start from SOLUTIONS_FILE. */
export function loadSolutions(file: string): Solution[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`SOLUTIONS_FILE: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const parsed = SolutionCatalogue.safeParse(json);
  if (!parsed.success) {
    throw new Error(`SOLUTIONS_FILE: ${file} is not a catalogue: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`);
  }
  return parsed.data.solutions;
}

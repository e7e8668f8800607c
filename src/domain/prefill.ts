import type { Deal } from './deal.js';
import type { ReadDeal } from './reading.js';
import { STEP_FIELDS, STEPS, type Step } from './registration.js';

/**
 * The draft with what was read from `source` (a file's name, "your message") put into the inputs of the
 * steps it has not saved yet, as if the seller had typed it: the wizard still validates every value, the
 * seller still walks each step and the summary. Nothing the seller typed or saved is overwritten, and the
 * draft remembers which field came from where, so each step can say "read from … — check it".
 */
export function prefillFromReading(
  deal: Deal,
  read: ReadDeal,
  source: string,
  decimalSeparator: ',' | '.',
): { deal: Deal; filled: string[] } {
  const values: Record<string, string | undefined> = {
    ...read,
    totalValue: read.totalValue?.replace('.', decimalSeparator),
    solutionValue: read.solutionValue?.replace('.', decimalSeparator),
    endKind: read.endDate ? 'date' : undefined,
  };
  const inputs = { ...deal.wizard.inputs };
  const readFrom = { ...deal.wizard.readFrom };
  const filled: string[] = [];
  for (const step of STEPS) {
    if (deal.fields[step as Step]) continue; // saved: the seller has said what it is
    const typed = inputs[step] ?? {};
    const next = { ...typed };
    for (const field of STEP_FIELDS[step]) {
      const value = values[field];
      if (value === undefined || (typed[field] ?? '') !== '') continue;
      next[field] = value;
      readFrom[field] = source;
      if (field !== 'endKind') filled.push(field);
    }
    if (Object.keys(next).length > 0) inputs[step] = next;
  }
  if (filled.length === 0) return { deal, filled };
  return { deal: { ...deal, wizard: { ...deal.wizard, inputs, readFrom } }, filled };
}

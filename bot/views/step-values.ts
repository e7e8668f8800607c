import type { Deal } from '../../src/domain/deal.js';
import { STEP_FIELDS, type Step } from '../../src/domain/registration.js';
import { fieldInputs } from './field-views.js';

/** What the step's inputs show: what was typed last, else the saved values, else empty. */
export function stepValues(deal: Deal, step: Step, formatLocale: string): Record<string, string> {
  const source = deal.wizard.inputs[step] ?? fieldInputs(deal, step, formatLocale);
  return Object.fromEntries(STEP_FIELDS[step].map((field) => [field, source[field] ?? '']));
}

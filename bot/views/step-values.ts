import type { Deal } from '../../src/domain/deal.js';
import { STEP_FIELDS, type Step } from '../../src/domain/registration.js';
import { amountForInput } from '../format.js';

/** A validated group turned back into what its card's inputs show. */
function fromFields(deal: Deal, step: Step, formatLocale: string): Record<string, string | undefined> {
  const f = deal.fields;
  switch (step) {
    case 'customer':
      return { ...f.customer };
    case 'solution':
      return { ...f.solution };
    case 'value':
      return f.value
        ? {
            ...f.value,
            totalValue: amountForInput(f.value.totalValue, formatLocale),
            solutionValue: amountForInput(f.value.solutionValue, formatLocale),
          }
        : {};
    case 'deployment':
      return { ...f.deployment };
    case 'dates':
      return f.dates ? { ...f.dates, endKind: f.dates.endDate === null ? 'perpetual' : 'date', endDate: f.dates.endDate ?? '' } : {};
    case 'contact':
      return { ...f.contact };
  }
}

/** What the step's inputs show: what was typed last, else the saved values, else empty. */
export function stepValues(deal: Deal, step: Step, formatLocale: string): Record<string, string> {
  const source = deal.wizard.inputs[step] ?? fromFields(deal, step, formatLocale);
  return Object.fromEntries(STEP_FIELDS[step].map((field) => [field, source[field] ?? '']));
}

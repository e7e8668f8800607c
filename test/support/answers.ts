import { daysFromToday } from './dates.js';

/** A complete, valid set of answers per step, as a seller types them in English. */
export function validAnswers(): Record<string, Record<string, string>> {
  return {
    customer: { companyName: 'Fabrikam AB', country: 'SE', city: 'Stockholm', state: '' },
    solution: { solutionId: 'contoso-ai-insights', contractType: 'new' },
    value: { billingModel: 'fixed', currency: 'SEK', totalValue: '1,200,000.50', solutionValue: '800000' },
    deployment: { deployedOn: 'azure', deployedWhere: 'customer_tenant' },
    dates: {
      startDate: daysFromToday(-10),
      endKind: 'date',
      endDate: daysFromToday(3 * 365 - 10),
      signedDate: daysFromToday(-12),
    },
    contact: { firstName: 'Anna', lastName: 'Svensson', phone: '+46 8 123 456 78', email: 'anna@fabrikam.example' },
  };
}

export const STEP_ORDER = ['customer', 'solution', 'value', 'deployment', 'dates', 'contact'] as const;

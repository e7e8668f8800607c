import { Decimal } from 'decimal.js';
import { addDays, addYears, daysBetween } from './dates.js';
import { minorDigits } from './money.js';
import type { RegistrationPolicy } from './policy.js';
import type { Registration } from './registration.js';

/** Calendar years from start to end inclusive: 2026-11-14 to 2029-11-13 is exactly 3, leap days or not. */
export function contractYears(startDate: string, endDate: string): number {
  const endExclusive = addDays(endDate, 1);
  let whole = 0;
  while (addYears(startDate, whole + 1) <= endExclusive) whole++;
  return whole + daysBetween(addYears(startDate, whole), endExclusive) / 365;
}

export interface AnnualValue {
  amount: string;
  currency: string;
  years: number;
}

/**
 * Total contract value spread over the contract's years: a perpetual contract over the policy's years
 * (Partner Center: 6). Product decision: a contract shorter than a year counts as one year, so a short
 * deal is never inflated into a large annual figure.
 */
export function annualValue(reg: Pick<Registration, 'value' | 'dates'>, policy: RegistrationPolicy): AnnualValue {
  const { endDate, startDate } = reg.dates;
  const years = endDate === null ? policy.perpetualYears : Math.max(1, contractYears(startDate, endDate));
  const amount = new Decimal(reg.value.totalValue)
    .div(years)
    .toDecimalPlaces(minorDigits(reg.value.currency), Decimal.ROUND_HALF_EVEN)
    .toFixed();
  return { amount, currency: reg.value.currency, years: Math.round(years * 10) / 10 };
}

export interface Warning {
  code: 'annual_value.below_minimum';
  params: Record<string, string>;
}

/** Warnings the summary shows before Register; none of them blocks it. */
export function registrationWarnings(reg: Registration, policy: RegistrationPolicy): Warning[] {
  const warnings: Warning[] = [];
  const acv = annualValue(reg, policy);
  const minimum = policy.minAnnualValue[acv.currency];
  if (minimum !== undefined && new Decimal(acv.amount).lt(minimum)) {
    warnings.push({ code: 'annual_value.below_minimum', params: { minimum, currency: acv.currency } });
  }
  return warnings;
}

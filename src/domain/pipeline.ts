import { Decimal } from 'decimal.js';
import { annualValue } from './annual-value.js';
import type { Deal } from './deal.js';
import type { RegistrationPolicy } from './policy.js';
import { Registration } from './registration.js';
import { STATUSES, type Status } from './status.js';

/** One status of a pipeline: how many deals, and their annual value per currency (of those that have one). */
export interface PipelineRow {
  status: Status;
  count: number;
  /** Annual value per currency, largest first; a deal not yet given a value and dates counts above only. */
  annualValue: { currency: string; amount: string }[];
}

/** Deals per status with their annual value per currency, every status in order (none left out). */
export function pipeline(deals: readonly Deal[], policy: RegistrationPolicy): PipelineRow[] {
  return STATUSES.map((status) => {
    const inStatus = deals.filter((d) => d.status === status);
    const totals = new Map<string, Decimal>();
    for (const deal of inStatus) {
      const reg = Registration.pick({ value: true, dates: true }).safeParse(deal.fields);
      if (!reg.success) continue;
      const { amount, currency } = annualValue(reg.data, policy);
      totals.set(currency, (totals.get(currency) ?? new Decimal(0)).plus(amount));
    }
    const annual = [...totals]
      .map(([currency, amount]) => ({ currency, amount: amount.toFixed() }))
      .sort((a, b) => new Decimal(b.amount).cmp(a.amount) || a.currency.localeCompare(b.currency));
    return { status, count: inStatus.length, annualValue: annual };
  });
}

/** The currencies a pipeline holds values in, the largest total first. */
export function pipelineCurrencies(rows: readonly PipelineRow[]): string[] {
  const totals = new Map<string, Decimal>();
  for (const row of rows)
    for (const v of row.annualValue) totals.set(v.currency, (totals.get(v.currency) ?? new Decimal(0)).plus(v.amount));
  return [...totals].sort(([, a], [, b]) => b.cmp(a)).map(([currency]) => currency);
}

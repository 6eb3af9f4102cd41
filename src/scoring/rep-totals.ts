import { compareText } from '../history/compare-text.js';
import { round } from '../signals/signal.js';
import type { ScoredCustomer } from './score-customer.js';

export interface RepTotals {
  /** The rep's name, or null for customers with no rep in the export. */
  readonly rep: string | null;
  readonly customers: number;
  readonly atRisk: number;
  readonly high: number;
  readonly valueAtRisk: number;
}

/** Per-rep book size, customers at risk and value at risk; largest value at risk first. */
export function repTotals(customers: readonly ScoredCustomer[]): RepTotals[] {
  const byRep = new Map<string | null, { customers: number; atRisk: number; high: number; valueAtRisk: number }>();
  for (const customer of customers) {
    const key = customer.rep ?? null;
    const totals = byRep.get(key) ?? { customers: 0, atRisk: 0, high: 0, valueAtRisk: 0 };
    totals.customers++;
    if (customer.riskLevel !== 'low') {
      totals.atRisk++;
      totals.valueAtRisk += customer.valueAtRisk;
    }
    if (customer.riskLevel === 'high') totals.high++;
    byRep.set(key, totals);
  }
  return [...byRep.entries()]
    .map(([rep, totals]) => ({ rep, ...totals, valueAtRisk: round(totals.valueAtRisk) }))
    .sort((a, b) => b.valueAtRisk - a.valueAtRisk || compareText(a.rep ?? '', b.rep ?? ''));
}

/** Customers of one rep (see repKey). */
export function customersOfRep(customers: readonly ScoredCustomer[], rep: string): ScoredCustomer[] {
  const wanted = repKey(rep);
  return customers.filter((customer) => repKey(customer.rep ?? '') === wanted);
}

/** A rep's name as `--rep` matches it: without regard to case, or to the spaces around and between words. */
export function repKey(rep: string): string {
  return rep.trim().replace(/\s+/g, ' ').toLowerCase();
}

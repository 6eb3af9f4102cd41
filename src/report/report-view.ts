import { customersOfRep } from '../scoring/rep-totals.js';
import type { ScoredCustomer } from '../scoring/score-customer.js';
import type { ReportContext } from './report-rows.js';

/** What to show of an analysis: the at-risk top N, or everyone. */
export interface ReportSelection {
  readonly top: number;
  readonly all: boolean;
}

/** The customers a report lists, in rank order. Without `all`, only those rated medium or high. */
export function selectCustomers(customers: readonly ScoredCustomer[], selection: ReportSelection): readonly ScoredCustomer[] {
  if (selection.all) return customers;
  return customers.filter((customer) => customer.riskLevel !== 'low').slice(0, selection.top);
}

export interface BookTotals {
  readonly customersAnalysed: number;
  readonly atRisk: number;
  readonly high: number;
  readonly medium: number;
  readonly lapsed: number;
  readonly valueAtRisk: number;
}

/** Totals over the customers in scope (the whole book, or one rep's with `--rep`). */
export function bookTotals(context: Pick<ReportContext, 'analysis' | 'rep'>): BookTotals {
  const inScope = context.rep === undefined ? context.analysis.customers : customersOfRep(context.analysis.customers, context.rep);
  const atRisk = inScope.filter((customer) => customer.riskLevel !== 'low');
  return {
    customersAnalysed: inScope.length,
    atRisk: atRisk.length,
    high: atRisk.filter((customer) => customer.riskLevel === 'high').length,
    medium: atRisk.filter((customer) => customer.riskLevel === 'medium').length,
    lapsed: inScope.filter((customer) => customer.status === 'lapsed').length,
    valueAtRisk: Math.round(atRisk.reduce((sum, customer) => sum + customer.valueAtRisk, 0) * 100) / 100,
  };
}

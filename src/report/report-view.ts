import type { BookAnalysis } from '../scoring/analyze-book.js';
import type { ScoredCustomer } from '../scoring/score-customer.js';

/** What to show of an analysis: the at-risk top N, or everyone. */
export interface ReportSelection {
  readonly top: number;
  readonly all: boolean;
}

/** The customers a report lists, in rank order. Without `all`, only those rated medium or high. */
export function selectCustomers(analysis: BookAnalysis, selection: ReportSelection): readonly ScoredCustomer[] {
  if (selection.all) return analysis.customers;
  return analysis.customers.filter((customer) => customer.riskLevel !== 'low').slice(0, selection.top);
}

export interface BookTotals {
  readonly customersAnalysed: number;
  readonly atRisk: number;
  readonly high: number;
  readonly medium: number;
  readonly lapsed: number;
  readonly valueAtRisk: number;
}

export function bookTotals(analysis: BookAnalysis): BookTotals {
  const atRisk = analysis.customers.filter((customer) => customer.riskLevel !== 'low');
  return {
    customersAnalysed: analysis.customers.length,
    atRisk: atRisk.length,
    high: atRisk.filter((customer) => customer.riskLevel === 'high').length,
    medium: atRisk.filter((customer) => customer.riskLevel === 'medium').length,
    lapsed: analysis.customers.filter((customer) => customer.status === 'lapsed').length,
    valueAtRisk: Math.round(atRisk.reduce((sum, customer) => sum + customer.valueAtRisk, 0) * 100) / 100,
  };
}

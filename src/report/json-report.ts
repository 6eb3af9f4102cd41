import { formatDay } from '../ingest/day.js';
import type { BookAnalysis, InputSummary } from '../scoring/analyze-book.js';
import type { ScoredCustomer } from '../scoring/score-customer.js';
import { describeSignal } from './describe-signal.js';
import { bookTotals } from './report-view.js';

/** Bumped on any change a consumer could trip over: a renamed, removed or retyped field. */
export const SCHEMA_VERSION = 1;

/** The JSON document; keys are built in a fixed order so the same analysis gives the same bytes. */
export function jsonReport(analysis: BookAnalysis, customers: readonly ScoredCustomer[]): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    asOf: formatDay(analysis.asOf),
    currency: analysis.currency ?? null,
    inputs: {
      orders: inputJson(analysis.inputs.orders),
      complaints: analysis.inputs.complaints === undefined ? null : inputJson(analysis.inputs.complaints),
    },
    summary: bookTotals(analysis),
    customers: customers.map((customer, index) => customerJson(customer, index + 1, analysis.currency)),
  };
}

export function renderJson(analysis: BookAnalysis, customers: readonly ScoredCustomer[]): string {
  return `${JSON.stringify(jsonReport(analysis, customers), null, 2)}\n`;
}

function inputJson(input: InputSummary): object {
  return {
    file: input.file,
    rowsRead: input.rowsRead,
    rowsUsed: input.rowsUsed,
    rowsRejected: input.rowsRejected,
    rowsAfterAsOf: input.rowsAfterAsOf,
    rejected: sortedKeys(input.rejectedByReason),
  };
}

export function customerJson(customer: ScoredCustomer, rank: number, currency: string | undefined): object {
  return {
    rank,
    customerId: customer.customerId,
    name: customer.name,
    rep: customer.rep,
    riskScore: customer.riskScore,
    riskLevel: customer.riskLevel,
    status: customer.status,
    valueAtRisk: customer.valueAtRisk,
    annualRevenue: customer.annualRevenue,
    firstOrderDate: formatDay(customer.firstOrderDay),
    lastOrderDate: formatDay(customer.lastOrderDay),
    orderDays: customer.orderDays,
    signals: customer.signals.map((signal) => ({
      id: signal.id,
      severity: signal.severity,
      summary: describeSignal(signal, currency),
      evidence: signal.evidence,
    })),
  };
}

function sortedKeys<T>(record: Partial<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] as T;
  return out;
}

import { formatDay } from '../ingest/day.js';
import type { InputSummary } from '../scoring/analyze-book.js';
import { countChanges } from '../scoring/change-since.js';
import { describeSignal } from './describe-signal.js';
import { bookTotals } from './report-view.js';
import type { ReportContext, ReportRow } from './report-rows.js';

/** Bumped on any change a consumer could trip over: a renamed, removed or retyped field. */
export const SCHEMA_VERSION = 1;

/** The JSON document; keys are built in a fixed order so the same analysis gives the same bytes. */
function jsonReport(context: ReportContext, rows: readonly ReportRow[]): object {
  const { analysis, changes } = context;
  return {
    schemaVersion: SCHEMA_VERSION,
    asOf: formatDay(analysis.asOf),
    currency: context.currency ?? null,
    inputs: {
      orders: inputJson(analysis.inputs.orders),
      complaints: analysis.inputs.complaints === undefined ? null : inputJson(analysis.inputs.complaints),
    },
    ...(context.rep === undefined ? {} : { rep: context.rep }),
    summary: bookTotals(context),
    ...(changes === undefined
      ? {}
      : { changes: { previousAsOf: changes.previousAsOf, counts: countChanges(changes), goneCustomerIds: changes.missing } }),
    ...(context.repTotals === undefined ? {} : { byRep: context.repTotals }),
    customers: rows.map((row) => customerJson(row, context.currency)),
  };
}

export function renderJson(context: ReportContext, rows: readonly ReportRow[]): string {
  return `${JSON.stringify(jsonReport(context, rows), null, 2)}\n`;
}

/** One customer per line, for streaming into scripts; the same objects as in `customers` of the JSON. */
export function renderNdjson(context: ReportContext, rows: readonly ReportRow[]): string {
  return rows.map((row) => `${JSON.stringify(customerJson(row, context.currency))}\n`).join('');
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

export function customerJson(row: ReportRow, currency: string | undefined): object {
  const { customer } = row;
  return {
    rank: row.rank,
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
    ...(row.change === undefined ? {} : { change: row.change.change, previousRiskLevel: row.change.previousRiskLevel }),
    ...(row.segment === undefined ? {} : { segment: row.segment }),
    ...(customer.model === undefined
      ? {}
      : {
          pAlive: customer.model.pAlive,
          expectedOrders: customer.model.expectedOrders,
          model: {
            horizonDays: customer.model.horizonDays,
            pNoOrder: customer.model.pNoOrder,
            noOrderDays: customer.model.noOrderDays,
            contribution: customer.model.contribution,
          },
        }),
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

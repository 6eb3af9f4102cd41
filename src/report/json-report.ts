import { formatDay } from '../ingest/day.js';
import type { InputSummary } from '../scoring/analyze-book.js';
import { countChanges } from '../scoring/change-since.js';
import { describeSignal } from './describe-signal.js';
import { bookTotals } from './report-view.js';
import type { ReportContext, ReportRow } from './report-rows.js';

/** Bumped on any change a consumer could trip over: a renamed, removed or retyped field. */
export const SCHEMA_VERSION = 1;

/** The JSON document short of `customers`, its last key; keys in a fixed order, so the same analysis gives the same bytes. */
function jsonHead(context: ReportContext): object {
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
  };
}

/**
 * Customers per piece of the JSON: a piece is one stringify call, and stays under V8's large-object
 * size (128 KB) so a written piece is swept young instead of piling up. A customer is about 2,200
 * characters, and a piece with one character past Latin-1 (the arrow of a volume summary, a Hebrew
 * name) takes two bytes for each: 32 customers crossed the line, and cost ~100 ms more per 20,000.
 */
const CUSTOMERS_PER_PIECE = 16;

/**
 * The JSON document in pieces, some customers at a time: the bytes of JSON.stringify(document,
 * null, 2) without the whole document (tens of MB for a big book) ever held as one object or one
 * string. A piece is stringified inside the same `{"customers": [...]}` frame as the document's,
 * so its customers come out indented as they are in the whole, and the frame is cut off.
 */
export function* jsonReportChunks(context: ReportContext, rows: readonly ReportRow[]): Generator<string> {
  const head = JSON.stringify(jsonHead(context), null, 2);
  // The head always has keys, so it ends with a line break and `}`: the customers go before it.
  const open = `${head.slice(0, -2)},\n  "customers": `;
  if (rows.length === 0) {
    yield `${open}[]\n}\n`;
    return;
  }
  yield `${open}[\n`;
  const frameOpen = '{\n  "customers": [\n'.length;
  const frameClose = '\n  ]\n}'.length;
  for (let start = 0; start < rows.length; start += CUSTOMERS_PER_PIECE) {
    const piece = rows.slice(start, start + CUSTOMERS_PER_PIECE).map((row) => customerJson(row, context.currency));
    const framed = JSON.stringify({ customers: piece }, null, 2);
    const last = start + CUSTOMERS_PER_PIECE >= rows.length;
    // Yielded apart rather than joined: a slice of the stringified frame is written without a copy.
    yield framed.slice(frameOpen, framed.length - frameClose);
    yield last ? '\n' : ',\n';
  }
  yield '  ]\n}\n';
}

/** One customer per line, for streaming into scripts; the same objects as in `customers` of the JSON. */
export function* ndjsonReportChunks(context: ReportContext, rows: readonly ReportRow[]): Generator<string> {
  for (const row of rows) yield `${JSON.stringify(customerJson(row, context.currency))}\n`;
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

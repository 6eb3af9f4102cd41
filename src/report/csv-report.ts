import { stringify } from 'csv-stringify/sync';
import { formatDay } from '../ingest/day.js';
import { reasonLines } from './reason-lines.js';
import type { ReportContext, ReportRow } from './report-rows.js';

const BOM = '\uFEFF';
const LINE_BREAK = /[\r\n]/;

/**
 * A spreadsheet-safe CSV: UTF-8 with BOM so Excel shows Hebrew names, CRLF line ends, and text
 * cells that a spreadsheet would run as a formula (= + - @, tab, CR) prefixed with a quote.
 */
export function renderCsv(context: ReportContext, rows: readonly ReportRow[]): string {
  const withChange = context.changes !== undefined;
  const withSegment = rows.some((row) => row.segment !== undefined);
  const header = [
    'rank', 'customer_id', 'name', 'rep', 'risk_score', 'risk_level', 'status', 'value_at_risk', 'annual_revenue',
    'last_order_date', ...(withChange ? ['change', 'previous_risk_level'] : []), ...(withSegment ? ['segment'] : []),
    'reason_1', 'reason_2', 'reason_3',
  ];
  const records = rows.map((row) => {
    const { customer } = row;
    const reasons = reasonLines(customer, context.currency, 3);
    return [
      row.rank,
      neutralizeFormula(customer.customerId),
      neutralizeFormula(customer.name ?? ''),
      neutralizeFormula(customer.rep ?? ''),
      customer.riskScore,
      customer.riskLevel,
      customer.status,
      customer.valueAtRisk,
      customer.annualRevenue,
      formatDay(customer.lastOrderDay),
      ...(withChange ? [row.change?.change ?? '', row.change?.previousRiskLevel ?? ''] : []),
      ...(withSegment ? [row.segment ?? ''] : []),
      ...[0, 1, 2].map((i) => neutralizeFormula(reasons[i] ?? '')),
    ];
  });
  // csv-stringify quotes a field holding the record delimiter (CR LF) but not a lone LF or CR, and a
  // name written over two lines in the ERP must stay one cell.
  return BOM + stringify([header, ...records], { record_delimiter: '\r\n', quoted_match: LINE_BREAK });
}

/** Prefix a text cell a spreadsheet would evaluate, so `=HYPERLINK(...)` in a name stays text. */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

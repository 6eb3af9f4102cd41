import { builtModuleUrl } from './built-module-url.js';
import { DATE_FORMAT_LABELS, type DateColumn, type DateFormat } from './date-column.js';
import { formatDay, type Day } from './day.js';
import { DELIMITER_LABELS } from './delimiter.js';
import type { InputSource } from './input-source.js';
import { readComplaints, type ReadComplaintsOptions } from './read-complaints.js';
import type { ReadInput } from './read-input.js';
import { OrderTally } from './order-tally.js';
import { readOrders, type ReadOrdersOptions } from './read-orders.js';
import type { RejectReason, RowReject } from './reject-log.js';
import { UserError } from './user-error.js';

/** What ingest understood of one export: the facts `churn check` shows. */
export interface ExportProfile {
  readonly kind: 'orders' | 'complaints';
  readonly file: string;
  readonly encoding: string;
  readonly delimiter: string;
  /** `.` or `,`; orders only. */
  readonly decimalMark: string | undefined;
  readonly currency: string | undefined;
  /** Every currency mark in the amounts and the line it was first seen on (orders only; empty for complaints). */
  readonly currencies: ReadonlyArray<{ readonly code: string; readonly firstLine: number }>;
  /** Per date column: its header, and the layout found or the problem that stopped it. */
  readonly dates: readonly { readonly header: string; readonly format?: string; readonly problem?: string }[];
  /** Field -> header, in field order. */
  readonly columns: readonly { readonly field: string; readonly header: string }[];
  readonly ignoredHeaders: readonly string[];
  readonly rowsRead: number;
  /** Title rows skipped above the header row. */
  readonly preambleRows: number;
  readonly rowsUsable: number;
  readonly rowsRejected: number;
  readonly rejectedByReason: Partial<Record<RejectReason, number>>;
  readonly firstRejects: readonly RowReject[];
  readonly customers: number;
  readonly firstDate: string | undefined;
  readonly lastDate: string | undefined;
  /** False when no report could be made from it. */
  readonly usable: boolean;
}

/** Read an orders export end to end without analysing it. */
export async function profileOrders(source: InputSource, options: ReadOrdersOptions): Promise<ExportProfile> {
  const tally = new OrderTally();
  const input = await readOrders(source, options, {
    sink: tally,
    factory: { create: () => new OrderTally(), module: builtModuleUrl('ingest/order-tally.js').href, exportName: 'OrderTally' },
  });
  const usableRows = tally.rows;
  const customers = { size: tally.customers };
  const tokens = tally.dateTokens;
  const date = resolveColumn(input.dates, undefined);
  const range = dateRange(tokens, date.days);
  return {
    kind: 'orders',
    ...commonProfile(input, usableRows, customers.size),
    decimalMark: input.decimalMark,
    currency: input.currency,
    currencies: input.currencies,
    dates: [date.report],
    ...range,
    usable: usableRows > 0 && date.report.problem === undefined,
  };
}

export async function profileComplaints(
  source: InputSource,
  options: ReadComplaintsOptions,
  ordersFormat: DateFormat | undefined,
): Promise<ExportProfile> {
  const customers = new Set<string>();
  const tokens = new Set<number>();
  let usableRows = 0;
  const input = await readComplaints(source, options, (complaint) => {
    usableRows++;
    customers.add(complaint.customerId);
    tokens.add(complaint.openedToken);
  });
  const opened = resolveColumn(input.openedDates, ordersFormat);
  const closed = resolveColumn(input.closedDates, opened.format ?? ordersFormat);
  const dates = input.closedDates.distinctCount > 0 ? [opened.report, closed.report] : [opened.report];
  return {
    kind: 'complaints',
    ...commonProfile(input, usableRows, customers.size),
    decimalMark: undefined,
    currency: undefined,
    currencies: [],
    dates,
    ...dateRange(tokens, opened.days),
    usable: usableRows > 0 && dates.every((d) => d.problem === undefined),
  };
}

/** The facts every export has, orders or complaints. */
function commonProfile(
  input: ReadInput,
  rowsUsable: number,
  customers: number,
) {
  return {
    file: input.file,
    encoding: input.encoding,
    delimiter: DELIMITER_LABELS[input.delimiter],
    columns: columnList(input.mapping.headers, input.mapping.columnOf),
    ignoredHeaders: input.mapping.ignoredHeaders,
    rowsRead: input.rowsRead,
    preambleRows: input.preambleRows,
    rowsUsable,
    rowsRejected: input.rejects.count,
    rejectedByReason: input.rejects.byReason,
    firstRejects: input.rejects.sortedFirst(),
    customers,
  };
}

/** The layout the orders profile settled on, for the complaints file to fall back on. */
export function profileDateFormat(profile: ExportProfile): DateFormat | undefined {
  const label = profile.dates[0]?.format;
  return (Object.keys(DATE_FORMAT_LABELS) as DateFormat[]).find((format) => DATE_FORMAT_LABELS[format] === label);
}

function resolveColumn(column: DateColumn, sibling: DateFormat | undefined) {
  try {
    const resolution = column.resolve(sibling);
    return {
      format: resolution.format,
      days: resolution.dayOfToken,
      report: { header: column.header, format: DATE_FORMAT_LABELS[resolution.format] },
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { format: undefined, days: [] as readonly Day[], report: { header: column.header, problem: error.toLine() } };
  }
}

function dateRange(tokens: Iterable<number>, days: readonly Day[]): { firstDate: string | undefined; lastDate: string | undefined } {
  let first: Day | undefined;
  let last: Day | undefined;
  for (const token of tokens) {
    const day = days[token];
    if (day === undefined || Number.isNaN(day)) continue;
    if (first === undefined || day < first) first = day;
    if (last === undefined || day > last) last = day;
  }
  return { firstDate: first === undefined ? undefined : formatDay(first), lastDate: last === undefined ? undefined : formatDay(last) };
}

function columnList(headers: readonly string[], columnOf: Partial<Record<string, number>>) {
  return Object.entries(columnOf)
    .filter((entry): entry is [string, number] => entry[1] !== undefined)
    .sort((a, b) => a[1] - b[1])
    .map(([field, index]) => ({ field, header: headers[index] ?? '' }));
}

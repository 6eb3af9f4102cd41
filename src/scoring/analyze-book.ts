import { buildTimelines, latestOrderDay } from '../history/build-timelines.js';
import { BookLedger } from '../history/book-ledger.js';
import type { CustomerTimeline } from '../history/customer-timeline.js';
import { DATE_FORMAT_LABELS, type DateFormat } from '../ingest/date-column.js';
import type { Day } from '../ingest/day.js';
import { DELIMITER_LABELS } from '../ingest/delimiter.js';
import type { InputSource } from '../ingest/input-source.js';
import { readComplaints, type ComplaintsInput, type ReadComplaintsOptions } from '../ingest/read-complaints.js';
import { readOrders, type OrdersInput, type ReadOrdersOptions } from '../ingest/read-orders.js';
import type { RejectReason, RowReject } from '../ingest/reject-log.js';
import { UserError } from '../ingest/user-error.js';
import { rankCustomers, type SortKey } from './rank-customers.js';
import { scoreCustomer, type ScoredCustomer } from './score-customer.js';
import type { ScoringSettings } from './scoring-settings.js';

export interface AnalysisRequest {
  readonly orders: InputSource;
  readonly complaints?: InputSource | undefined;
  readonly orderOptions: ReadOrdersOptions;
  readonly complaintOptions: ReadComplaintsOptions;
  /** End of this day; default: the latest order date in the export. */
  readonly asOf?: Day | undefined;
  readonly scoring: ScoringSettings;
  readonly sort: SortKey;
}

/** What was read from one input and what became of every row. */
export interface InputSummary {
  readonly file: string;
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsRejected: number;
  readonly rowsAfterAsOf: number;
  readonly rejectedByReason: Partial<Record<RejectReason, number>>;
  readonly firstRejects: readonly RowReject[];
  readonly encoding: string;
  readonly delimiter: string;
  readonly dateFormat: string;
  /** Field -> header that fed it. */
  readonly columns: Readonly<Record<string, string>>;
  readonly ignoredHeaders: readonly string[];
}

export interface BookAnalysis {
  readonly asOf: Day;
  readonly currency: string | undefined;
  readonly inputs: { readonly orders: InputSummary; readonly complaints?: InputSummary | undefined };
  /** Every analysed customer, ranked. */
  readonly customers: readonly ScoredCustomer[];
  /** The histories behind them, by customer id (for the drill-down view). */
  readonly timelines: ReadonlyMap<string, CustomerTimeline>;
}

/** The whole pipeline short of words: ingest -> history -> signals -> scoring. */
export async function analyzeBook(request: AnalysisRequest): Promise<BookAnalysis> {
  const ledger = new BookLedger();
  const orders = await readOrders(request.orders, request.orderOptions, (line) => ledger.addOrderLine(line));
  const complaints =
    request.complaints === undefined
      ? undefined
      : await readComplaints(request.complaints, request.complaintOptions, (complaint) => ledger.addComplaint(complaint));

  const orderDates = orders.dates.resolve();
  const openedDates = complaints?.openedDates.resolve(orderDates.format);
  const closedDates = complaints?.closedDates.resolve(openedDates?.format ?? orderDates.format);

  const asOf = request.asOf ?? latestOrderDay(ledger, orderDates.dayOfToken);
  if (asOf === undefined) {
    const first = orders.rejects.sortedFirst()[0];
    throw first === undefined
      ? new UserError('no_orders', 'no order rows: the file has a header but no data', { file: orders.file })
      : new UserError('no_orders', `no usable order rows: all ${orders.rejects.count} rows were rejected, the first (${first.reason})`, {
          file: orders.file,
          line: first.line,
          hint: `Run churn check ${orders.file} to see what was understood`,
        });
  }
  const book = buildTimelines(
    ledger,
    {
      orderDay: orderDates.dayOfToken,
      complaintOpenedDay: openedDates?.dayOfToken ?? [],
      complaintClosedDay: closedDates?.dayOfToken ?? [],
    },
    asOf,
    complaints?.rejects,
    complaints?.file,
  );

  const scored = book.timelines.map((timeline) => scoreCustomer(timeline, asOf, request.scoring));
  return {
    asOf,
    currency: orders.currency,
    inputs: {
      orders: summarizeOrders(orders, book.orders, orderDates.format),
      complaints:
        complaints === undefined ? undefined : summarizeComplaints(complaints, book.complaints, openedDates?.format ?? 'iso'),
    },
    customers: rankCustomers(scored, request.sort),
    timelines: new Map(book.timelines.map((timeline) => [timeline.customerId, timeline])),
  };
}

function summarizeOrders(input: OrdersInput, counts: { rowsUsed: number; rowsAfterAsOf: number }, format: DateFormat): InputSummary {
  return {
    file: input.file,
    rowsRead: input.rowsRead,
    rowsUsed: counts.rowsUsed,
    rowsRejected: input.rejects.count,
    rowsAfterAsOf: counts.rowsAfterAsOf,
    rejectedByReason: input.rejects.byReason,
    firstRejects: input.rejects.sortedFirst(),
    encoding: input.encoding,
    delimiter: DELIMITER_LABELS[input.delimiter],
    dateFormat: DATE_FORMAT_LABELS[format],
    columns: columnsOf(input.mapping.headers, input.mapping.columnOf),
    ignoredHeaders: input.mapping.ignoredHeaders,
  };
}

function summarizeComplaints(
  input: ComplaintsInput,
  counts: { rowsUsed: number; rowsAfterAsOf: number },
  format: DateFormat,
): InputSummary {
  return {
    file: input.file,
    rowsRead: input.rowsRead,
    rowsUsed: counts.rowsUsed,
    rowsRejected: input.rejects.count,
    rowsAfterAsOf: counts.rowsAfterAsOf,
    rejectedByReason: input.rejects.byReason,
    firstRejects: input.rejects.sortedFirst(),
    encoding: input.encoding,
    delimiter: DELIMITER_LABELS[input.delimiter],
    dateFormat: DATE_FORMAT_LABELS[format],
    columns: columnsOf(input.mapping.headers, input.mapping.columnOf),
    ignoredHeaders: input.mapping.ignoredHeaders,
  };
}

function columnsOf(headers: readonly string[], columnOf: Partial<Record<string, number>>): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const [field, index] of Object.entries(columnOf)) {
    if (index !== undefined) columns[field] = headers[index] ?? '';
  }
  return columns;
}

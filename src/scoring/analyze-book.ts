import { forEachTimeline, latestOrderDay, timelineOf, type ResolvedDates } from '../history/build-timelines.js';
import { BookLedger } from '../history/book-ledger.js';
import type { CustomerTimeline } from '../history/customer-timeline.js';
import { builtModuleUrl } from '../ingest/built-module-url.js';
import { DATE_FORMAT_LABELS, type DateFormat } from '../ingest/date-column.js';
import type { Day } from '../ingest/day.js';
import { DELIMITER_LABELS } from '../ingest/delimiter.js';
import type { InputSource } from '../ingest/input-source.js';
import type { ReadInput } from '../ingest/read-input.js';
import { readComplaints, type ComplaintLine, type ComplaintsInput, type ReadComplaintsOptions } from '../ingest/read-complaints.js';
import { readOrders, type OrdersInput, type ReadOrdersOptions } from '../ingest/read-orders.js';
import type { RejectReason, RowReject } from '../ingest/reject-log.js';
import { UserError } from '../ingest/user-error.js';
import type { BgNbdParams } from './bg-nbd/index.js';
import { startBackgroundFit, startFitThread, type WaitingFit } from './background-fit.js';
import { fitModelInputs, modelInputOf, type ModelInput } from './customer-model.js';
import { rankCustomers, type SortKey } from './rank-customers.js';
import { assessCustomer, scoreAssessment, type CustomerAssessment, type ScoredCustomer } from './score-customer.js';
import type { ScoringSettings } from './scoring-settings.js';

/** The exports to read and how. */
export interface ReadBookRequest {
  readonly orders: InputSource;
  readonly complaints?: InputSource | undefined;
  readonly orderOptions: ReadOrdersOptions;
  readonly complaintOptions: ReadComplaintsOptions;
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
  /** The BG/NBD fit behind the model numbers; undefined when the book could not support one. */
  readonly model: { readonly params: BgNbdParams; readonly logLikelihood: number; readonly horizonDays: number } | undefined;
  /** The history behind one of them, rebuilt from the ledger (for the drill-down view). */
  timelineOf(customerId: string): CustomerTimeline | undefined;
}

/** Inputs read into the ledger, with every date column resolved: ready to analyse as of any day. */
export interface ReadBook {
  readonly ledger: BookLedger;
  readonly orders: OrdersInput;
  readonly complaints: ComplaintsInput | undefined;
  readonly dates: ResolvedDates;
  readonly orderDateFormat: DateFormat;
  readonly complaintDateFormat: DateFormat;
  /** The latest day with a sale, undefined when no row was usable. */
  readonly latestOrderDay: Day | undefined;
  /** A fit's thread started while the orders were read, for the first analysis to take (once). */
  readonly fitThread: { take(): WaitingFit | undefined };
}

/** Ingest and history: stream both exports into one ledger and settle the date layouts. */
export async function readBook(request: ReadBookRequest): Promise<ReadBook> {
  const ledger = new BookLedger();
  // The complaints are read once the first thread's share of the orders is in, while the other
  // threads finish theirs (a core is free and this thread idle), or else after the orders: either
  // way they join the ledger after the orders, in file order. Read while the threads started, they
  // slowed them.
  const complaintLines: ComplaintLine[] = [];
  let complaintsRead: Promise<ComplaintsInput> | undefined;
  let readInThreads = false;
  const onFirstPartIn = (): void => {
    readInThreads = true;
    readComplaintsNow();
  };
  const readComplaintsNow = (): void => {
    if (request.complaints === undefined || complaintsRead !== undefined) return;
    complaintsRead = readComplaints(request.complaints, request.complaintOptions, (complaint) => complaintLines.push(complaint));
    // Awaited once the orders are in; a failure before then is not an unhandled one.
    complaintsRead.catch(() => {});
  };
  const orders = await readOrders(
    request.orders,
    { ...request.orderOptions, onFirstPartIn },
    {
      sink: ledger,
      factory: { create: () => new BookLedger(), module: builtModuleUrl('history/book-ledger.js').href, exportName: 'BookLedger' },
    },
  );
  // A book read in threads is big enough for the fit's own thread. It boots now, on the core the
  // read has left, while the complaints and dates are joined and the fit's summaries taken: booted
  // when the first part was in, its ~16 MB joined the read's peak, when both threads hold their
  // ledgers and their copies (the peak of a 10M-line report).
  let fitThread = readInThreads ? startFitThread() : undefined;
  readComplaintsNow();
  const complaints = await complaintsRead;
  for (const complaint of complaintLines) ledger.addComplaint(complaint);
  if (complaints !== undefined) ledger.reconcileComplaintCustomers();
  const orderDates = orders.dates.resolve();
  const openedDates = complaints?.openedDates.resolve(orderDates.format);
  const closedDates = complaints?.closedDates.resolve(openedDates?.format ?? orderDates.format);
  return {
    ledger,
    orders,
    complaints,
    dates: {
      orderDay: orderDates.dayOfToken,
      complaintOpenedDay: openedDates?.dayOfToken ?? [],
      complaintClosedDay: closedDates?.dayOfToken ?? [],
    },
    orderDateFormat: orderDates.format,
    complaintDateFormat: openedDates?.format ?? orderDates.format,
    latestOrderDay: latestOrderDay(ledger, orderDates.dayOfToken),
    fitThread: {
      take() {
        const thread = fitThread;
        fitThread = undefined;
        return thread;
      },
    },
  };
}

/**
 * The analysis short of words (history -> signals -> scoring): timelines as of a day (default: the
 * latest order), every customer scored and ranked.
 */
export function analyzeReadBook(book: ReadBook, asOfDay: Day | undefined, scoring: ScoringSettings, sort: SortKey): BookAnalysis {
  const { orders, complaints } = book;
  // Asked first, with or without --as-of: when no row was usable, the rejects say why, not the date.
  if (book.latestOrderDay === undefined) {
    const first = orders.rejects.sortedFirst()[0];
    throw first === undefined
      ? new UserError('no_orders', 'no order rows: the file has a header but no data', { file: orders.file })
      : new UserError('no_orders', `no usable order rows: all ${orders.rejects.count} rows were rejected, the first (${first.reason})`, {
          file: orders.file,
          line: first.line,
          hint: `Run churn check ${orders.file} to see what was understood`,
        });
  }
  const asOf = asOfDay ?? book.latestOrderDay;
  const prefitted = startBackgroundFit(book.ledger, book.dates, asOf, book.fitThread.take());
  // One timeline at a time: assessed, its model inputs taken, and dropped.
  const assessments: CustomerAssessment[] = [];
  const modelInputs: ModelInput[] = [];
  const counts = forEachTimeline(book.ledger, book.dates, asOf, complaints?.rejects, complaints?.file, (timeline) => {
    assessments.push(assessCustomer(timeline, asOf, scoring));
    modelInputs.push(modelInputOf(timeline, asOf));
  });
  const model = fitModelInputs(modelInputs, scoring.model.horizonDays, prefitted);
  const scored = assessments.map((assessment) => scoreAssessment(assessment, scoring, model?.byCustomer.get(assessment.customerId)));
  return {
    asOf,
    currency: orders.currency,
    inputs: {
      orders: summarizeInput(orders, counts.orders, book.orderDateFormat),
      complaints: complaints === undefined ? undefined : summarizeInput(complaints, counts.complaints, book.complaintDateFormat),
    },
    customers: rankCustomers(scored, sort),
    model: model === undefined ? undefined : { params: model.fit.params, logLikelihood: model.fit.logLikelihood, horizonDays: model.horizonDays },
    timelineOf: (customerId) => timelineOf(book.ledger, book.dates, asOf, customerId),
  };
}

function summarizeInput(input: ReadInput, counts: { rowsUsed: number; rowsAfterAsOf: number }, format: DateFormat): InputSummary {
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

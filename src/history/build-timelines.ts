import type { Day } from '../ingest/day.js';
import type { RejectLog } from '../ingest/reject-log.js';
import { UserError } from '../ingest/user-error.js';
import type { ComplaintLine } from '../ingest/read-complaints.js';
import type { BookLedger } from './book-ledger.js';
import { compareText } from './compare-text.js';
import { copyDayColumns } from './day-columns.js';
import { DayBuilder, type OrderDaySpan } from './day-builder.js';
import type { ComplaintRecord, CustomerTimeline } from './customer-timeline.js';

/** Day numbers of each date column's tokens, once each column's layout is known. */
export interface ResolvedDates {
  readonly orderDay: readonly Day[];
  readonly complaintOpenedDay: readonly Day[];
  readonly complaintClosedDay: readonly Day[];
}

export interface RowCounts {
  rowsUsed: number;
  rowsAfterAsOf: number;
}

export interface TimelineBook {
  readonly asOf: Day;
  /** Sorted by customer id. Customers whose only activity is after the as-of date are absent. */
  readonly timelines: readonly CustomerTimeline[];
  readonly orders: RowCounts;
  readonly complaints: RowCounts;
}

/**
 * The latest day with an order line, a sale or a return: the default as-of date, so a credit note
 * dated after the last sale still counts against the customer's revenue.
 */
export function latestOrderDay(ledger: BookLedger, orderDay: readonly Day[]): Day | undefined {
  let latest: Day | undefined;
  for (const token of ledger.lineTokens()) {
    const value = orderDay[token];
    if (value !== undefined && (latest === undefined || value > latest)) latest = value;
  }
  return latest;
}

/** Customers sorted by id, per ledger: a book is walked more than once (spans, timelines, backtest cut-offs). */
const sortedCustomers = new WeakMap<BookLedger, { readonly count: number; readonly customers: readonly number[] }>();

/** Customer numbers in the ledger, sorted by id: the order of every timeline walk. */
function customersById(ledger: BookLedger): readonly number[] {
  const known = sortedCustomers.get(ledger);
  if (known !== undefined && known.count === ledger.customerCount) return known.customers;
  const customers = Array.from({ length: ledger.customerCount }, (_, customer) => customer);
  customers.sort((a, b) => compareText(ledger.customerIdOf(a), ledger.customerIdOf(b)));
  sortedCustomers.set(ledger, { count: customers.length, customers });
  return customers;
}

/**
 * Build each customer's timeline as of a date, in id order, and hand it to `visit`, one at a time:
 * a timeline's day columns are rewritten for the next customer once it is visited (keep a copy,
 * copyDayColumns, to hold it longer), so memory holds the compact ledger and one customer's
 * days, never every customer's. Everything dated after `asOf` is counted and left out here, so
 * no signal can see it. Returns the row counts; fails when no customer has an order by `asOf`.
 */
export function forEachTimeline(
  ledger: BookLedger,
  dates: ResolvedDates,
  asOf: Day,
  complaintRejects: RejectLog | undefined,
  complaintsFile: string | undefined,
  visit: (timeline: CustomerTimeline) => void,
): { orders: RowCounts; complaints: RowCounts } {
  const orders: RowCounts = { rowsUsed: 0, rowsAfterAsOf: 0 };
  const complaints: RowCounts = { rowsUsed: 0, rowsAfterAsOf: 0 };
  const days = new DayBuilder(ledger, dates.orderDay);
  let visited = 0;
  for (const customer of customersById(ledger)) {
    const timeline = timelineOfNumber(ledger, days, dates, asOf, customer, orders, complaints, complaintRejects, complaintsFile);
    if (timeline === undefined) continue;
    visited++;
    visit(timeline);
  }
  if (visited === 0) {
    throw new UserError('no_orders', 'no customer has an order on or before the as-of date', {
      hint: 'Check --as-of and the date column',
    });
  }
  return { orders, complaints };
}

/**
 * Each customer's order-day span as of a date (DayBuilder.orderDaySpan), handed to `visit` in the
 * order forEachTimeline visits the timelines and for the same customers: those with an order by then.
 */
export function forEachOrderDaySpan(ledger: BookLedger, dates: ResolvedDates, asOf: Day, visit: (span: OrderDaySpan) => void): void {
  const days = new DayBuilder(ledger, dates.orderDay);
  for (const customer of customersById(ledger)) {
    const span = days.orderDaySpan(customer, asOf);
    if (span !== undefined) visit(span);
  }
}

/** Every customer's timeline at once: for the backtest and tests; reports walk them with forEachTimeline. */
export function buildTimelines(
  ledger: BookLedger,
  dates: ResolvedDates,
  asOf: Day,
  complaintRejects: RejectLog | undefined,
  complaintsFile: string | undefined,
): TimelineBook {
  const timelines: CustomerTimeline[] = [];
  const counts = forEachTimeline(ledger, dates, asOf, complaintRejects, complaintsFile, (timeline) =>
    timelines.push({ ...timeline, days: copyDayColumns(timeline.days) }),
  );
  return { asOf, timelines, ...counts };
}

/** One customer's timeline as of a date (the drill-down), or undefined when they have no order by then. */
export function timelineOf(ledger: BookLedger, dates: ResolvedDates, asOf: Day, customerId: string): CustomerTimeline | undefined {
  const customer = ledger.findCustomer(customerId);
  if (customer === undefined) return undefined;
  const ignored = (): RowCounts => ({ rowsUsed: 0, rowsAfterAsOf: 0 });
  return timelineOfNumber(ledger, new DayBuilder(ledger, dates.orderDay), dates, asOf, customer, ignored(), ignored(), undefined, undefined);
}

function timelineOfNumber(
  ledger: BookLedger,
  days: DayBuilder,
  dates: ResolvedDates,
  asOf: Day,
  customer: number,
  orders: RowCounts,
  complaints: RowCounts,
  complaintRejects: RejectLog | undefined,
  complaintsFile: string | undefined,
): CustomerTimeline | undefined {
  const built = days.daysOf(customer, asOf, orders);
  const hasOrders = built.days.orders.some((dayOrders) => dayOrders > 0);
  const complaintRecords = buildComplaints(ledger.complaintsOf(customer), dates, asOf, complaints, hasOrders, complaintRejects, complaintsFile);
  if (!hasOrders) return undefined;
  return { customerId: ledger.customerIdOf(customer), name: built.name, rep: built.rep, days: built.days, complaints: complaintRecords };
}

function buildComplaints(
  customerComplaints: readonly ComplaintLine[],
  dates: ResolvedDates,
  asOf: Day,
  counts: RowCounts,
  customerKnown: boolean,
  rejects: RejectLog | undefined,
  file: string | undefined,
): ComplaintRecord[] {
  const records: ComplaintRecord[] = [];
  for (const complaint of customerComplaints) {
    const openedDay = dates.complaintOpenedDay[complaint.openedToken] as Day;
    if (openedDay > asOf) {
      counts.rowsAfterAsOf++;
      continue;
    }
    if (!customerKnown) {
      rejects?.add({ file: file ?? 'complaints', line: complaint.line, reason: 'unknown_customer', value: complaint.customerId });
      continue;
    }
    const closedOn = complaint.closedToken < 0 ? undefined : dates.complaintClosedDay[complaint.closedToken];
    if (closedOn !== undefined && closedOn < openedDay) {
      rejects?.add({ file: file ?? 'complaints', line: complaint.line, reason: 'closed_before_opened', value: complaint.customerId });
      continue;
    }
    counts.rowsUsed++;
    const closedByAsOf = closedOn !== undefined && closedOn <= asOf;
    const open = closedOn === undefined ? complaint.status !== 'closed' : !closedByAsOf;
    records.push({
      complaintId: complaint.complaintId,
      openedDay,
      open,
      closedDay: closedByAsOf ? closedOn : undefined,
      category: complaint.category,
      severity: complaint.severity,
    });
  }
  return records.sort(
    (a, b) =>
      a.openedDay - b.openedDay ||
      compareText(a.complaintId ?? '', b.complaintId ?? '') ||
      (a.closedDay ?? -1) - (b.closedDay ?? -1) ||
      compareText(`${a.open}${a.category}${a.severity}`, `${b.open}${b.category}${b.severity}`),
  );
}

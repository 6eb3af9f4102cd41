import type { Day } from '../ingest/day.js';
import type { RejectLog } from '../ingest/reject-log.js';
import { UserError } from '../ingest/user-error.js';
import { orderCount, type BookLedger, type CustomerLedger } from './book-ledger.js';
import type { ComplaintRecord, CustomerTimeline, DayActivity, LineRevenue } from './customer-timeline.js';

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

/** The latest day with a sale: the default as-of date. */
export function latestOrderDay(ledger: BookLedger, orderDay: readonly Day[]): Day | undefined {
  let latest: Day | undefined;
  for (const customer of ledger.customers.values()) {
    for (const [token, day] of customer.days) {
      const value = orderDay[token];
      if (day.hasSaleLine && value !== undefined && (latest === undefined || value > latest)) latest = value;
    }
  }
  return latest;
}

/**
 * Turn the ledger into per-customer timelines as of a date. Everything dated after `asOf` is
 * counted and left out here, so no signal can see it.
 */
export function buildTimelines(
  ledger: BookLedger,
  dates: ResolvedDates,
  asOf: Day,
  complaintRejects: RejectLog | undefined,
  complaintsFile: string | undefined,
): TimelineBook {
  const orders: RowCounts = { rowsUsed: 0, rowsAfterAsOf: 0 };
  const complaints: RowCounts = { rowsUsed: 0, rowsAfterAsOf: 0 };
  const timelines: CustomerTimeline[] = [];
  const ids = [...ledger.customers.keys()].sort(compareIds);
  for (const id of ids) {
    const customer = ledger.customers.get(id) as CustomerLedger;
    const built = buildDays(customer, dates.orderDay, asOf, orders, ledger.productLines);
    const hasOrders = built.days.some((day) => day.orders > 0);
    const complaintRecords = buildComplaints(customer, dates, asOf, complaints, hasOrders, complaintRejects, complaintsFile);
    if (hasOrders) timelines.push({ customerId: id, name: built.name, rep: built.rep, days: built.days, complaints: complaintRecords });
  }
  if (timelines.length === 0) {
    throw new UserError('no_orders', 'no customer has an order on or before the as-of date', {
      hint: 'Check --as-of and the date column',
    });
  }
  return { asOf, timelines, orders, complaints };
}

function buildDays(customer: CustomerLedger, orderDay: readonly Day[], asOf: Day, counts: RowCounts, productLines: readonly string[]) {
  const byDay = new Map<Day, { orders: number; netCents: number; lineCents: Map<string, number> }>();
  let name: string | undefined;
  let rep: string | undefined;
  let nameDay = -Infinity;
  let repDay = -Infinity;
  for (const [token, ledgerDay] of customer.days) {
    const day = orderDay[token] as Day;
    if (day > asOf) {
      counts.rowsAfterAsOf += ledgerDay.rows;
      continue;
    }
    counts.rowsUsed += ledgerDay.rows;
    let merged = byDay.get(day);
    if (merged === undefined) {
      merged = { orders: 0, netCents: 0, lineCents: new Map() };
      byDay.set(day, merged);
    }
    if (ledgerDay.hasSaleLine) merged.orders += Math.max(1, orderCount(ledgerDay.orderIds));
    merged.netCents += ledgerDay.netCents;
    for (let i = 0; i < ledgerDay.lineCents.length; i += 2) {
      const productLine = productLines[ledgerDay.lineCents[i] as number] as string;
      merged.lineCents.set(productLine, (merged.lineCents.get(productLine) ?? 0) + (ledgerDay.lineCents[i + 1] as number));
    }
    // The latest name and rep win; on the same day the lexically smaller, so row order never matters.
    if (ledgerDay.name !== undefined && (day > nameDay || (day === nameDay && name !== undefined && ledgerDay.name < name))) {
      name = ledgerDay.name;
      nameDay = day;
    }
    if (ledgerDay.rep !== undefined && (day > repDay || (day === repDay && rep !== undefined && ledgerDay.rep < rep))) {
      rep = ledgerDay.rep;
      repDay = day;
    }
  }
  const countsOrderIds = hasOrderIds(customer);
  const days: DayActivity[] = [...byDay.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([day, merged]) => ({
      day,
      // Without order ids, a day's several same-day rows are one order.
      orders: merged.orders > 0 && !countsOrderIds ? 1 : merged.orders,
      revenue: merged.netCents / 100,
      lines: [...merged.lineCents.entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([productLine, cents]): LineRevenue => ({ productLine, revenue: cents / 100 })),
    }));
  return { days, name, rep };
}

function hasOrderIds(customer: CustomerLedger): boolean {
  for (const day of customer.days.values()) if (day.orderIds !== undefined) return true;
  return false;
}

function buildComplaints(
  customer: CustomerLedger,
  dates: ResolvedDates,
  asOf: Day,
  counts: RowCounts,
  customerKnown: boolean,
  rejects: RejectLog | undefined,
  file: string | undefined,
): ComplaintRecord[] {
  const records: ComplaintRecord[] = [];
  for (const complaint of customer.complaints) {
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
      compareIds(a.complaintId ?? '', b.complaintId ?? '') ||
      (a.closedDay ?? -1) - (b.closedDay ?? -1) ||
      compareIds(`${a.open}${a.category}${a.severity}`, `${b.open}${b.category}${b.severity}`),
  );
}

/** Byte order, not locale order: the same ids sort the same on every machine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import type { OrderLine } from '../ingest/order-line.js';
import type { ComplaintLine } from '../ingest/read-complaints.js';

/** A customer's lines on one date text, kept as exact integer cents. */
export interface DayLedger {
  rows: number;
  netCents: number;
  /** Order ids with at least one sale line; undefined when the export has no order ids. */
  orderIds: Set<string> | undefined;
  hasSaleLine: boolean;
  readonly lineCents: Map<string, number>;
  /** Lexically smallest non-empty name and rep seen that day, so row order cannot change them. */
  name: string | undefined;
  rep: string | undefined;
}

export interface CustomerLedger {
  readonly customerId: string;
  readonly days: Map<number, DayLedger>;
  readonly complaints: ComplaintLine[];
}

/**
 * The streaming accumulator between ingest and timelines. Memory grows with customers and their
 * active days, not with rows: a million lines of one order fold into one DayLedger.
 */
export class BookLedger {
  readonly customers = new Map<string, CustomerLedger>();

  addOrderLine(line: OrderLine): void {
    const customer = this.customer(line.customerId);
    let day = customer.days.get(line.dateToken);
    if (day === undefined) {
      day = { rows: 0, netCents: 0, orderIds: undefined, hasSaleLine: false, lineCents: new Map(), name: undefined, rep: undefined };
      customer.days.set(line.dateToken, day);
    }
    day.rows++;
    day.netCents += line.amountCents;
    if (line.amountCents >= 0) {
      day.hasSaleLine = true;
      if (line.orderId !== undefined) (day.orderIds ??= new Set()).add(line.orderId);
    }
    if (line.productLine !== undefined) {
      day.lineCents.set(line.productLine, (day.lineCents.get(line.productLine) ?? 0) + line.amountCents);
    }
    day.name = smallest(day.name, line.customerName);
    day.rep = smallest(day.rep, line.rep);
  }

  addComplaint(complaint: ComplaintLine): void {
    this.customer(complaint.customerId).complaints.push(complaint);
  }

  private customer(customerId: string): CustomerLedger {
    let customer = this.customers.get(customerId);
    if (customer === undefined) {
      customer = { customerId, days: new Map(), complaints: [] };
      this.customers.set(customerId, customer);
    }
    return customer;
  }
}

function smallest(current: string | undefined, next: string | undefined): string | undefined {
  if (next === undefined) return current;
  return current === undefined || next < current ? next : current;
}

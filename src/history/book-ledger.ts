import type { OrderLine } from '../ingest/order-line.js';
import type { ComplaintLine } from '../ingest/read-complaints.js';

/** A customer's lines on one date text, kept as exact integer cents. */
export interface DayLedger {
  rows: number;
  netCents: number;
  /**
   * 32-bit hashes of the order ids with at least one sale line; undefined when the export has no
   * order ids. Hashes, not the ids: millions of id strings would be most of the memory, and two
   * orders of one customer on one day sharing a hash is a one-in-a-billion event.
   */
  orderIds: OrderIdHashes;
  hasSaleLine: boolean;
  /** Flat pairs [product line index, cents, ...]: a day holds a few lines, a Map each would cost more than the data. */
  readonly lineCents: number[];
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
  /** Product line names, indexed by the numbers in DayLedger.lineCents. */
  readonly productLines: string[] = [];
  private readonly productLineIndex = new Map<string, number>();

  addOrderLine(line: OrderLine): void {
    const customer = this.customer(line.customerId);
    let day = customer.days.get(line.dateToken);
    if (day === undefined) {
      day = { rows: 0, netCents: 0, orderIds: undefined, hasSaleLine: false, lineCents: [], name: undefined, rep: undefined };
      customer.days.set(line.dateToken, day);
    }
    day.rows++;
    day.netCents += line.amountCents;
    if (line.amountCents >= 0) {
      day.hasSaleLine = true;
      if (line.orderId !== undefined) day.orderIds = withOrderId(day.orderIds, hashOrderId(line.orderId));
    }
    if (line.productLine !== undefined) addLineCents(day.lineCents, this.productLineNumber(line.productLine), line.amountCents);
    day.name = smallest(day.name, line.customerName);
    day.rep = smallest(day.rep, line.rep);
  }

  addComplaint(complaint: ComplaintLine): void {
    this.customer(complaint.customerId).complaints.push(complaint);
  }

  /**
   * Complaints filed under an id the orders export writes differently ("123" for "00123" after a
   * trip through Excel, "c0007" for "C0007") join the orders customer when exactly one matches once
   * leading zeros and case are set aside. Returns how many complaint customers were joined.
   */
  reconcileComplaintCustomers(): number {
    const byLooseId = new Map<string, string | null>();
    for (const [id, customer] of this.customers) {
      if (customer.days.size === 0) continue;
      const loose = looseId(id);
      byLooseId.set(loose, byLooseId.has(loose) ? null : id);
    }
    let joined = 0;
    for (const [id, customer] of [...this.customers]) {
      if (customer.days.size > 0 || customer.complaints.length === 0) continue;
      const target = byLooseId.get(looseId(id));
      if (target === undefined || target === null) continue;
      (this.customers.get(target) as CustomerLedger).complaints.push(...customer.complaints.map((c) => ({ ...c, customerId: target })));
      this.customers.delete(id);
      joined++;
    }
    return joined;
  }

  private productLineNumber(productLine: string): number {
    let index = this.productLineIndex.get(productLine);
    if (index === undefined) {
      index = this.productLines.length;
      this.productLines.push(productLine);
      this.productLineIndex.set(productLine, index);
    }
    return index;
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

/**
 * Distinct order-id hashes of a day: nothing yet, the one hash of a day's single order (the usual
 * case, kept as a number), or a Set once a second order shows up.
 */
export type OrderIdHashes = undefined | number | Set<number>;

function withOrderId(hashes: OrderIdHashes, hash: number): OrderIdHashes {
  if (hashes === undefined || hashes === hash) return hash;
  if (typeof hashes === 'number') return new Set([hashes, hash]);
  hashes.add(hash);
  return hashes;
}

/** How many distinct orders a day's hashes stand for. */
export function orderCount(hashes: OrderIdHashes): number {
  return hashes === undefined ? 0 : typeof hashes === 'number' ? 1 : hashes.size;
}

function addLineCents(pairs: number[], productLine: number, cents: number): void {
  for (let i = 0; i < pairs.length; i += 2) {
    if (pairs[i] === productLine) {
      pairs[i + 1] = (pairs[i + 1] as number) + cents;
      return;
    }
  }
  pairs.push(productLine, cents);
}

/** FNV-1a, 32 bits, over the UTF-16 code units of the id. */
export function hashOrderId(orderId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < orderId.length; i++) {
    hash ^= orderId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function looseId(id: string): string {
  return id.trim().toUpperCase().replace(/^0+(?=.)/, '');
}

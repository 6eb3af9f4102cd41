import type { OrderLine } from '../ingest/order-line.js';
import type { OrderSink } from '../ingest/order-sink.js';
import type { ComplaintLine } from '../ingest/read-complaints.js';
import { hashOrderId, NO_ORDER_ID } from '../ingest/order-id-hash.js';
import { GrowableFloat64, GrowableInt32 } from './growable-array.js';

export { hashOrderId } from '../ingest/order-id-hash.js';

/** A customer's lines on one date text, as read back from the ledger. */
export interface DayLedger {
  readonly dateToken: number;
  readonly rows: number;
  readonly netCents: number;
  /** Distinct order ids with at least one sale line; 0 when the export has no order ids. */
  readonly orderCount: number;
  readonly hasOrderIds: boolean;
  readonly hasSaleLine: boolean;
  /** Product line numbers (see `productLineName`) with their cents, in no particular order. */
  readonly lineCents: ReadonlyArray<readonly [number, number]>;
  /** Lexically smallest non-empty name and rep seen that day, so row order cannot change them. */
  readonly name: string | undefined;
  readonly rep: string | undefined;
}

const HAS_SALE_LINE = 1;
const HAS_ORDER_ID = 2;
const EMPTY = -1;

/**
 * The state of a ledger as plain arrays, to pass between threads (the buffers are transferable) and
 * merge into another ledger with `absorb`.
 */
export interface LedgerState {
  readonly customerIds: readonly string[];
  readonly productLines: readonly string[];
  readonly labels: readonly string[];
  readonly entryCount: number;
  readonly entryCustomer: Int32Array;
  readonly entryToken: Int32Array;
  readonly entryRows: Int32Array;
  readonly entryFlags: Int32Array;
  readonly entryOrderHash: Int32Array;
  readonly entryName: Int32Array;
  readonly entryRep: Int32Array;
  readonly entryNetCents: Float64Array;
  readonly entryLineHead: Int32Array;
  readonly lineCount: number;
  readonly lineProduct: Int32Array;
  readonly lineNext: Int32Array;
  readonly lineCents: Float64Array;
  /** [entry, hash, hash, ...] for days with more than one order, flattened with a length before each. */
  readonly extraOrders: Int32Array;
}

/**
 * The streaming accumulator between ingest and timelines: one entry per customer and date text,
 * in flat typed arrays. Memory grows with customers and their active days, never with rows, and
 * holds no object per day: millions of small objects would cost more in garbage collection than the
 * reading itself.
 */
export class BookLedger implements OrderSink {
  private readonly customerIds: string[] = [];
  private readonly customerIndex = new Map<string, number>();
  private readonly productLines: string[] = [];
  private readonly productLineIndex = new Map<string, number>();
  /** Names and reps share one table: both are short, repeating labels. */
  private readonly labels: string[] = [];
  private readonly labelIndex = new Map<string, number>();

  private readonly firstEntry = new GrowableInt32(EMPTY);
  private readonly lastEntry = new GrowableInt32(EMPTY);
  private readonly complaintsByCustomer = new Map<number, ComplaintLine[]>();

  private entries = 0;
  private readonly entryCustomer = new GrowableInt32();
  private readonly entryToken = new GrowableInt32();
  private readonly entryRows = new GrowableInt32();
  private readonly entryFlags = new GrowableInt32();
  private readonly entryOrderHash = new GrowableInt32();
  private readonly entryName = new GrowableInt32();
  private readonly entryRep = new GrowableInt32();
  private readonly entryNetCents = new GrowableFloat64();
  private readonly entryLineHead = new GrowableInt32();
  /** Next entry of the same customer: each customer's entries form a chain from `firstEntry`. */
  private readonly entryNext = new GrowableInt32();
  /** Other order-id hashes of days with more than one order: rare, so a Map beats a column. */
  private readonly extraOrders = new Map<number, Set<number>>();

  private lines = 0;
  private readonly lineProduct = new GrowableInt32();
  private readonly lineNext = new GrowableInt32();
  private readonly lineCents = new GrowableFloat64();

  /** Open addressing on (customer, date token) -> entry + 1. */
  private slots = new Int32Array(1 << 12);

  customerNumber(customerId: string): number {
    let index = this.customerIndex.get(customerId);
    if (index === undefined) {
      index = this.customerIds.length;
      this.customerIds.push(customerId);
      this.customerIndex.set(customerId, index);
    }
    return index;
  }

  productLineNumber(productLine: string): number {
    return intern(productLine, this.productLines, this.productLineIndex);
  }

  labelNumber(label: string): number {
    return intern(label, this.labels, this.labelIndex);
  }

  addOrderLine(line: OrderLine): void {
    this.addInternedLine(
      this.customerNumber(line.customerId),
      line.dateToken,
      line.amountCents,
      line.orderId === undefined ? NO_ORDER_ID : hashOrderId(line.orderId),
      line.productLine === undefined ? EMPTY : this.productLineNumber(line.productLine),
      line.customerName === undefined ? EMPTY : this.labelNumber(line.customerName),
      line.rep === undefined ? EMPTY : this.labelNumber(line.rep),
    );
  }

  /** One usable line with its strings already numbered by this ledger (-1: none; orderHash NO_ORDER_ID: none). */
  addInternedLine(customer: number, dateToken: number, amountCents: number, orderHash: number, productLine: number, name: number, rep: number): void {
    const entry = this.entryOf(customer, dateToken);
    this.entryRows.add(entry, 1);
    this.entryNetCents.add(entry, amountCents);
    if (amountCents >= 0) {
      this.entryFlags.or(entry, HAS_SALE_LINE);
      if (orderHash !== NO_ORDER_ID) this.addOrderHash(entry, orderHash);
    }
    if (productLine !== EMPTY) this.addLineCents(entry, productLine, amountCents);
    if (name !== EMPTY) this.entryName.set(entry, this.smallerLabel(this.entryName.get(entry), name));
    if (rep !== EMPTY) this.entryRep.set(entry, this.smallerLabel(this.entryRep.get(entry), rep));
  }

  addComplaint(complaint: ComplaintLine): void {
    const customer = this.customerNumber(complaint.customerId);
    const list = this.complaintsByCustomer.get(customer);
    if (list === undefined) this.complaintsByCustomer.set(customer, [complaint]);
    else list.push(complaint);
  }

  /** Every customer id seen in either export, in the order first seen. */
  get customerCount(): number {
    return this.customerIds.length;
  }

  customerIdOf(customer: number): string {
    return this.customerIds[customer] as string;
  }

  findCustomer(customerId: string): number | undefined {
    return this.customerIndex.get(customerId);
  }

  hasDays(customer: number): boolean {
    return this.firstEntry.get(customer) !== EMPTY;
  }

  complaintsOf(customer: number): readonly ComplaintLine[] {
    return this.complaintsByCustomer.get(customer) ?? [];
  }

  productLineName(productLine: number): string {
    return this.productLines[productLine] as string;
  }

  /** Call `visit` for each of the customer's date entries. */
  forEachDay(customer: number, visit: (day: DayLedger) => void): void {
    for (let entry = this.firstEntry.get(customer); entry !== EMPTY; entry = this.entryNext.get(entry)) visit(this.dayOf(entry));
  }

  /** Date tokens of the days with a sale line, each once. */
  saleTokens(): Set<number> {
    const tokens = new Set<number>();
    for (let entry = 0; entry < this.entries; entry++) if ((this.entryFlags.get(entry) & HAS_SALE_LINE) !== 0) tokens.add(this.entryToken.get(entry));
    return tokens;
  }

  /**
   * Complaints filed under an id the orders export writes differently ("123" for "00123" after a
   * trip through Excel, "c0007" for "C0007") join the orders customer when exactly one matches once
   * leading zeros and case are set aside. Returns how many complaint customers were joined.
   */
  reconcileComplaintCustomers(): number {
    const byLooseId = new Map<string, number | null>();
    this.customerIds.forEach((id, customer) => {
      if (!this.hasDays(customer)) return;
      const loose = looseId(id);
      byLooseId.set(loose, byLooseId.has(loose) ? null : customer);
    });
    let joined = 0;
    for (const [customer, complaints] of [...this.complaintsByCustomer]) {
      if (this.hasDays(customer)) continue;
      const target = byLooseId.get(looseId(this.customerIdOf(customer)));
      if (target === undefined || target === null) continue;
      const targetId = this.customerIdOf(target);
      const moved = complaints.map((complaint) => ({ ...complaint, customerId: targetId }));
      const existing = this.complaintsByCustomer.get(target);
      this.complaintsByCustomer.set(target, existing === undefined ? moved : [...existing, ...moved]);
      this.complaintsByCustomer.delete(customer);
      joined++;
    }
    return joined;
  }

  /** The ledger as arrays, for another thread. Extra order hashes travel flattened. */
  exportState(): LedgerState {
    const extra: number[] = [];
    for (const [entry, hashes] of this.extraOrders) extra.push(entry, hashes.size, ...hashes);
    return {
      customerIds: this.customerIds,
      productLines: this.productLines,
      labels: this.labels,
      entryCount: this.entries,
      entryCustomer: this.entryCustomer.view(this.entries),
      entryToken: this.entryToken.view(this.entries),
      entryRows: this.entryRows.view(this.entries),
      entryFlags: this.entryFlags.view(this.entries),
      entryOrderHash: this.entryOrderHash.view(this.entries),
      entryName: this.entryName.view(this.entries),
      entryRep: this.entryRep.view(this.entries),
      entryNetCents: this.entryNetCents.view(this.entries),
      entryLineHead: this.entryLineHead.view(this.entries),
      lineCount: this.lines,
      lineProduct: this.lineProduct.view(this.lines),
      lineNext: this.lineNext.view(this.lines),
      lineCents: this.lineCents.view(this.lines),
      extraOrders: Int32Array.from(extra),
    };
  }

  /**
   * Add another ledger's entries (read from another part of the same export) to this one. Its
   * date tokens are renumbered with `tokenOf` (its token -> this book's token).
   */
  absorb(state: LedgerState, tokenOf: ArrayLike<number>): void {
    const customers = state.customerIds.map((id) => this.customerNumber(id));
    const products = state.productLines.map((name) => this.productLineNumber(name));
    const labels = state.labels.map((label) => this.labelNumber(label));
    const extraByEntry = new Map<number, number[]>();
    for (let i = 0; i < state.extraOrders.length; ) {
      const entry = state.extraOrders[i] as number;
      const size = state.extraOrders[i + 1] as number;
      extraByEntry.set(entry, Array.from(state.extraOrders.subarray(i + 2, i + 2 + size)));
      i += 2 + size;
    }
    for (let other = 0; other < state.entryCount; other++) {
      const entry = this.entryOf(customers[state.entryCustomer[other] as number] as number, tokenOf[state.entryToken[other] as number] as number);
      const flags = state.entryFlags[other] as number;
      this.entryRows.add(entry, state.entryRows[other] as number);
      this.entryNetCents.add(entry, state.entryNetCents[other] as number);
      // HAS_ORDER_ID is set by addOrderHash, with the hash.
      this.entryFlags.or(entry, flags & ~HAS_ORDER_ID);
      if ((flags & HAS_ORDER_ID) !== 0) {
        this.addOrderHash(entry, state.entryOrderHash[other] as number);
        for (const hash of extraByEntry.get(other) ?? []) this.addOrderHash(entry, hash);
      }
      for (let line = state.entryLineHead[other] as number; line !== EMPTY; line = state.lineNext[line] as number) {
        this.addLineCents(entry, products[state.lineProduct[line] as number] as number, state.lineCents[line] as number);
      }
      const name = state.entryName[other] as number;
      if (name !== EMPTY) this.entryName.set(entry, this.smallerLabel(this.entryName.get(entry), labels[name] as number));
      const rep = state.entryRep[other] as number;
      if (rep !== EMPTY) this.entryRep.set(entry, this.smallerLabel(this.entryRep.get(entry), labels[rep] as number));
    }
  }

  private dayOf(entry: number): DayLedger {
    const flags = this.entryFlags.get(entry);
    const lineCents: Array<readonly [number, number]> = [];
    for (let line = this.entryLineHead.get(entry); line !== EMPTY; line = this.lineNext.get(line)) {
      lineCents.push([this.lineProduct.get(line), this.lineCents.get(line)]);
    }
    const hasOrderIds = (flags & HAS_ORDER_ID) !== 0;
    const name = this.entryName.get(entry);
    const rep = this.entryRep.get(entry);
    return {
      dateToken: this.entryToken.get(entry),
      rows: this.entryRows.get(entry),
      netCents: this.entryNetCents.get(entry),
      orderCount: hasOrderIds ? 1 + (this.extraOrders.get(entry)?.size ?? 0) : 0,
      hasOrderIds,
      hasSaleLine: (flags & HAS_SALE_LINE) !== 0,
      lineCents,
      name: name === EMPTY ? undefined : this.labels[name],
      rep: rep === EMPTY ? undefined : this.labels[rep],
    };
  }

  private entryOf(customer: number, dateToken: number): number {
    const last = this.lastEntry.get(customer);
    if (last !== EMPTY && this.entryToken.get(last) === dateToken) return last;
    const mask = this.slots.length - 1;
    let slot = slotHash(customer, dateToken) & mask;
    for (;;) {
      const stored = this.slots[slot] as number;
      if (stored === 0) break;
      const entry = stored - 1;
      if (this.entryCustomer.get(entry) === customer && this.entryToken.get(entry) === dateToken) {
        this.lastEntry.set(customer, entry);
        return entry;
      }
      slot = (slot + 1) & mask;
    }
    const entry = this.entries++;
    this.entryCustomer.set(entry, customer);
    this.entryToken.set(entry, dateToken);
    this.entryRows.set(entry, 0);
    this.entryFlags.set(entry, 0);
    this.entryOrderHash.set(entry, 0);
    this.entryName.set(entry, EMPTY);
    this.entryRep.set(entry, EMPTY);
    this.entryNetCents.set(entry, 0);
    this.entryLineHead.set(entry, EMPTY);
    this.entryNext.set(entry, this.firstEntry.get(customer));
    this.firstEntry.set(customer, entry);
    this.lastEntry.set(customer, entry);
    this.slots[slot] = entry + 1;
    // Kept at most half full, so a probe finds its key or a hole within a step or two.
    if (this.entries * 2 > this.slots.length) this.growSlots();
    return entry;
  }

  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.entries; entry++) {
      let slot = slotHash(this.entryCustomer.get(entry), this.entryToken.get(entry)) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }

  private addOrderHash(entry: number, unsignedHash: number): void {
    // Int32 columns hold the 32 bits signed.
    const hash = unsignedHash | 0;
    const flags = this.entryFlags.get(entry);
    if ((flags & HAS_ORDER_ID) === 0) {
      this.entryFlags.set(entry, flags | HAS_ORDER_ID);
      this.entryOrderHash.set(entry, hash);
      return;
    }
    if (this.entryOrderHash.get(entry) === hash) return;
    const extra = this.extraOrders.get(entry);
    if (extra === undefined) this.extraOrders.set(entry, new Set([hash]));
    else extra.add(hash);
  }

  private addLineCents(entry: number, productLine: number, cents: number): void {
    for (let line = this.entryLineHead.get(entry); line !== EMPTY; line = this.lineNext.get(line)) {
      if (this.lineProduct.get(line) === productLine) {
        this.lineCents.add(line, cents);
        return;
      }
    }
    const line = this.lines++;
    this.lineProduct.set(line, productLine);
    this.lineCents.set(line, cents);
    this.lineNext.set(line, this.entryLineHead.get(entry));
    this.entryLineHead.set(entry, line);
  }

  private smallerLabel(current: number, next: number): number {
    if (current === EMPTY || current === next) return next;
    return (this.labels[next] as string) < (this.labels[current] as string) ? next : current;
  }
}

function intern(text: string, list: string[], index: Map<string, number>): number {
  let number = index.get(text);
  if (number === undefined) {
    number = list.length;
    list.push(text);
    index.set(text, number);
  }
  return number;
}

function slotHash(customer: number, dateToken: number): number {
  let hash = Math.imul(customer, 0x9e3779b1) + dateToken;
  hash = Math.imul(hash ^ (hash >>> 15), 0x85ebca77);
  return hash ^ (hash >>> 13);
}

function looseId(id: string): string {
  return id.trim().toUpperCase().replace(/^0+(?=.)/, '');
}

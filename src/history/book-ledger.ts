import type { OrderLine } from '../ingest/order-line.js';
import type { OrderSink } from '../ingest/order-sink.js';
import type { ComplaintLine } from '../ingest/read-complaints.js';
import { intern } from '../ingest/intern.js';
import { hashOrderId, NO_ORDER_ID } from '../ingest/order-id-hash.js';
import { customerStartsOf, entryOrdersAndLineTokens, lineCountsOf, placeLinesInCustomerOrder, placesInCustomerOrder } from './customer-order.js';
import { GrowableInt32 } from './growable-array.js';
import { holding, INT32, UINT16, UINT8, WideningColumn, type ColumnArray } from './widening-column.js';

export { hashOrderId } from '../ingest/order-id-hash.js';

/** Entry flags: the date has a line with a sale (not only returns), and a line with an order id. */
export const HAS_SALE_LINE = 1;
export const HAS_ORDER_ID = 2;
/** No entry, line, label or customer. */
export const EMPTY = -1;

/**
 * A ledger as plain arrays, customer by customer: entries of customer c are customerStart[c] ..
 * customerStart[c + 1] - 1, and their product lines follow one another from customerLineStart[c],
 * entryLines[e] of them for entry e.
 * The buffers are transferable between threads, and reading a customer reads neighbouring memory.
 * Counts, table numbers and cents are in the narrowest typed array that holds them (WideningColumn).
 */
export interface LedgerState {
  readonly customerIds: readonly string[];
  readonly productLines: readonly string[];
  readonly labels: readonly string[];
  readonly customerStart: Int32Array;
  readonly entryToken: ColumnArray;
  readonly entryRows: ColumnArray;
  readonly entryFlags: ColumnArray;
  readonly entryOrderHash: Int32Array;
  /** The name's label + 1 (0: none), as is entryRep. */
  readonly entryName: ColumnArray;
  readonly entryRep: ColumnArray;
  /**
   * Cents of the entry's rows that name no product line: the entry's net is these and its lines'
   * cents. A book whose rows all name one never writes the column, whose pages
   * are then never touched: net cents were 9 MB of the 70 MB a 10M-line ledger wrote.
   */
  readonly entryUnlinedCents: ColumnArray;
  /**
   * Product lines per entry, read in a customer's entry order from the customer's first line: a
   * byte an entry where a start was four (2.3 MB where the starts were 9 MB at 10M lines).
   */
  readonly entryLines: ColumnArray;
  readonly customerLineStart: Int32Array;
  readonly lineProduct: ColumnArray;
  readonly lineCents: ColumnArray;
  /** Distinct order ids with a sale line, per entry (0: none, or no order ids). */
  readonly entryOrders: ColumnArray;
  /** Other order hashes of days with more than one order: [entry, count, hash, ...] repeated. */
  readonly extraOrders: Int32Array;
  /** The date tokens of the entries (days with a sale or a return line), each once, ascending. */
  readonly lineTokens: Int32Array;
}

/** A LedgerState joined to this book: its numbers mapped to the book's. */
export interface LedgerSegment {
  readonly state: LedgerState;
  /** Segment customer -> book customer. */
  readonly customerOf: Int32Array;
  readonly productLineOf: Int32Array;
  readonly labelOf: Int32Array;
  readonly tokenOf: ArrayLike<number> | undefined;
  /** state.extraOrders by entry, built when first read (extraOrdersOf). */
  extraOrders?: Map<number, number[]>;
  /** Book customer -> segment customer (-1: none); built when reading starts. */
  localOf?: Int32Array;
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

  /** 1 for a customer with at least one entry here or in an absorbed state. */
  private readonly customerHasDays = new GrowableInt32();
  private readonly lastEntry = new GrowableInt32(EMPTY);
  private readonly complaintsByCustomer = new Map<number, ComplaintLine[]>();

  // Columns hold 0 for "none" (labels and line links are stored + 1), so a new entry writes only its
  // customer and date: a column no row writes to stays untouched memory.
  private entries = 0;
  private readonly entryCustomer = new GrowableInt32();
  private readonly entryToken = new WideningColumn(UINT16);
  private readonly entryRows = new WideningColumn(UINT8);
  private readonly entryFlags = new WideningColumn(UINT8);
  private readonly entryOrderHash = new GrowableInt32();
  private readonly entryName = new WideningColumn(UINT8);
  private readonly entryRep = new WideningColumn(UINT8);
  private readonly entryUnlinedCents = new WideningColumn(INT32);
  /** The entry's newest line + 1 (0: none); lineNext chains to the one before it the same way. */
  private readonly entryLineHead = new GrowableInt32();
  /** Other order-id hashes of days with more than one order: rare, so a Map beats a column. */
  private readonly extraOrders = new Map<number, Set<number>>();

  /** States absorbed from other threads, read where they lie. */
  private readonly segments: LedgerSegment[] = [];
  private readSegments: LedgerSegment[] | undefined;

  private lines = 0;
  private readonly lineProduct = new WideningColumn(UINT8);
  private readonly lineNext = new GrowableInt32();
  private readonly lineCents = new WideningColumn(INT32);

  /**
   * The run of lines being summed: consecutive lines of one customer, date, order id, name and rep
   * (an order's lines, in most exports) are added up here and written to their entry once, at the
   * run's end (endRun), rather than line by line.
   */
  private runEntry = EMPTY;
  private runCustomer = EMPTY;
  private runToken = EMPTY;
  private runOrderHash = NO_ORDER_ID;
  private runName = EMPTY;
  private runRep = EMPTY;
  private runRows = 0;
  private runUnlinedCents = 0;
  private runHasSale = false;

  /**
   * Open addressing on (customer, date token) -> entry + 1, tagged (see slotTag); built only once
   * `indexed`. Until a customer's row comes with a date token no higher than their highest so
   * far, each new token of theirs is a new entry, and no table is needed: so it goes for rows in
   * date order, whose tokens are numbered as the dates first appear (the table's probes, a cache
   * miss per new entry, and its growth were ~8% of a scan thread's time on 10M rows).
   */
  private slots = new Int32Array(0);
  private slotEntryMask = SLOT_ENTRY_MASK;
  private indexed = false;
  /** The first entry of the part being read (startPart): rows join entries of their own part only. */
  private partFirstEntry = 0;
  /** Each customer's highest date token so far (EMPTY: none). */
  private readonly highestToken = new GrowableInt32(EMPTY);

  customerNumber(customerId: string): number {
    return intern(customerId, this.customerIds, this.customerIndex);
  }

  productLineNumber(productLine: string): number {
    return intern(productLine, this.productLines, this.productLineIndex);
  }

  labelNumber(label: string): number {
    return intern(label, this.labels, this.labelIndex);
  }

  /**
   * The rows that follow are from another part of the file, taken on by the thread that read this
   * ledger's rows so far: they start entries of their own, as a part read in another thread does,
   * and the day builder joins one customer's entries of a date text wherever they come from. So a
   * part in date order still needs no (customer, date) table: an earlier part's entries, of later
   * dates when the part taken on lies before it in the file, would have built one at its first
   * shared date (~0.2 s for the entries of 5M rows, and every row after it probing).
   */
  startPart(): void {
    this.endRun();
    this.lastEntry.reset();
    this.highestToken.reset();
    this.indexed = false;
    this.slots = new Int32Array(0);
    this.partFirstEntry = this.entries;
  }

  /** Room for about `rows` rows: a customer-date and a product line per row at most. */
  reserve(rows: number): void {
    for (const column of [this.entryCustomer, this.entryToken, this.entryRows, this.entryFlags, this.entryOrderHash, this.entryName, this.entryRep, this.entryUnlinedCents, this.entryLineHead]) column.reserve(rows);
    for (const column of [this.lineProduct, this.lineNext, this.lineCents]) column.reserve(rows);
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
    if (customer !== this.runCustomer || dateToken !== this.runToken || orderHash !== this.runOrderHash || name !== this.runName || rep !== this.runRep) {
      this.endRun();
      this.runEntry = this.entryOf(customer, dateToken);
      this.runCustomer = customer;
      this.runToken = dateToken;
      this.runOrderHash = orderHash;
      this.runName = name;
      this.runRep = rep;
    }
    this.runRows++;
    if (amountCents >= 0) this.runHasSale = true;
    if (productLine !== EMPTY) this.addLineCents(this.runEntry, productLine, amountCents);
    else this.runUnlinedCents += amountCents;
  }

  /**
   * Write the run of lines summed so far to its entry: rows and cents add, the flags and the order
   * id are set once, and the name and rep are one label each, so one write per run is the same as
   * one per line.
   */
  private endRun(): void {
    const entry = this.runEntry;
    if (entry === EMPTY) return;
    this.entryRows.add(entry, this.runRows);
    if (this.runUnlinedCents !== 0) this.entryUnlinedCents.add(entry, this.runUnlinedCents);
    if (this.runHasSale) {
      const flags = this.entryFlags.get(entry);
      if ((flags & HAS_SALE_LINE) === 0) this.entryFlags.set(entry, flags | HAS_SALE_LINE);
      if (this.runOrderHash !== NO_ORDER_ID) this.addOrderHash(entry, this.runOrderHash);
    }
    if (this.runName !== EMPTY) this.entryName.set(entry, this.smallerLabel(this.entryName.get(entry), this.runName + 1));
    if (this.runRep !== EMPTY) this.entryRep.set(entry, this.smallerLabel(this.entryRep.get(entry), this.runRep + 1));
    this.runEntry = EMPTY;
    this.runCustomer = EMPTY;
    this.runRows = 0;
    this.runUnlinedCents = 0;
    this.runHasSale = false;
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
    return this.customerHasDays.get(customer) !== 0;
  }

  complaintsOf(customer: number): readonly ComplaintLine[] {
    return this.complaintsByCustomer.get(customer) ?? [];
  }

  productLineName(productLine: number): string {
    return this.productLines[productLine] as string;
  }

  /** The segments to read customers' days from (see DayBuilder); reading starts here. */
  segmentsForReading(): readonly LedgerSegment[] {
    return this.readable();
  }

  get productLineCount(): number {
    return this.productLines.length;
  }

  labelName(label: number): string {
    return this.labels[label] as string;
  }

  /** Date tokens of the days with a line (a sale or a return), each once. */
  lineTokens(): number[] {
    // Each state lists its own (exportState), so this joins a few thousand tokens, not millions of entries.
    const tokens = new Set<number>();
    for (const segment of this.readable()) {
      for (const ownToken of segment.state.lineTokens) tokens.add(segment.tokenOf === undefined ? ownToken : (segment.tokenOf[ownToken] as number));
    }
    return [...tokens].sort((a, b) => a - b);
  }

  /**
   * Complaints filed under an id the orders export writes differently ("123" for "00123" after a
   * trip through Excel, "c0007" for "C0007") join the orders customer when exactly one matches once
   * leading zeros and case are set aside. Returns how many complaint customers were joined.
   */
  reconcileComplaintCustomers(): number {
    // Most books have no complaint without an order: the loose ids of every customer (three new
    // strings each, ~10 ms for 20,000) are made only when one is to be matched.
    const unmatched = [...this.complaintsByCustomer.keys()].filter((customer) => !this.hasDays(customer));
    if (unmatched.length === 0) return 0;
    const byLooseId = new Map<string, number | null>();
    this.customerIds.forEach((id, customer) => {
      if (!this.hasDays(customer)) return;
      const loose = looseId(id);
      byLooseId.set(loose, byLooseId.has(loose) ? null : customer);
    });
    let joined = 0;
    for (const customer of unmatched) {
      const complaints = this.complaintsByCustomer.get(customer) as ComplaintLine[];
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

  /**
   * The ledger as arrays, customer by customer, for another thread or for reading. Each of the
   * ledger's columns is released as soon as it is copied, so the copy never doubles the memory (one
   * column is held twice at a time): it is the ledger's last act as a writer.
   */
  exportState(freeGivenUp: () => void = () => {}): LedgerState {
    this.endRun();
    const customers = this.customerIds.length;
    const n = this.entries;
    const entryCustomer = this.entryCustomer.raw;
    const customerStart = customerStartsOf(entryCustomer, n, customers);
    const placed = placesInCustomerOrder(entryCustomer, n, customerStart, customers);
    // The hash of (customer, date) only serves writing: gone before anything is copied.
    const hadSlots = this.slots.length > 0;
    this.slots = new Int32Array(0);
    // A given-up column's memory goes back only when its array is collected: at once, in a scan
    // thread (freeGivenUp), or both parts' old and new columns were held at once (10M rows: peak
    // RSS 264-302 -> 237-251 MiB). Rows in date order never built the hash: nothing to collect yet.
    if (hadSlots) freeGivenUp();
    // Lines first, while the entries' line chains still exist: each entry's lines, newest first,
    // go to its run in the new order. The chains' column becomes the map to the new places. Counts
    // and a cursor per customer place them (a customer's entries keep their order), not a start
    // per entry: four bytes an entry more, at the moment both threads' columns are held twice.
    const placeOfLine = this.lineNext.raw;
    const entryLineHead = this.entryLineHead.raw;
    const { entryLines, customerLineStart } = lineCountsOf(entryLineHead, placeOfLine, entryCustomer, placed, n, customers);
    placeLinesInCustomerOrder(entryLineHead, placeOfLine, entryCustomer, n, customerLineStart, customers);
    // Scattered to new columns, one at a time: each write is independent of the last, where
    // following the permutation's cycles in place waited on a cache miss per step (0.33 s of a
    // 0.45 s export of 5M rows); the column being moved is held twice only while it moves.
    const lineProduct = this.lineProduct.moveTo(placeOfLine, this.lines);
    const lineCents = this.lineCents.moveTo(placeOfLine, this.lines);
    for (const column of [this.lineNext, this.entryLineHead, this.entryCustomer]) column.release();
    freeGivenUp();
    const entryToken = this.entryToken.moveTo(placed, n);
    const entryRows = this.entryRows.moveTo(placed, n);
    const entryFlags = this.entryFlags.moveTo(placed, n);
    const entryOrderHash = this.entryOrderHash.moveTo(new Int32Array(n), placed, n);
    const entryName = this.entryName.moveTo(placed, n);
    const entryRep = this.entryRep.moveTo(placed, n);
    const entryUnlinedCents = this.entryUnlinedCents.moveTo(placed, n);
    // Orders per entry: 1 with an order id, 1 + the others on a day of several. Written straight
    // to bytes (a column's checked set per entry was a fifth of an export), wider only for a day
    // of more than 255 orders.
    const orders = entryOrdersAndLineTokens(entryFlags, entryToken, n, HAS_ORDER_ID);
    let entryOrders: ColumnArray = orders.entryOrders;
    const extra: number[] = [];
    for (const [entry, hashes] of this.extraOrders) {
      const at = placed[entry] as number;
      entryOrders = holding(entryOrders, 1 + hashes.size);
      entryOrders[at] = 1 + hashes.size;
      extra.push(at, hashes.size, ...hashes);
    }
    this.extraOrders.clear();
    this.entries = 0;
    this.lines = 0;
    return {
      customerIds: this.customerIds,
      productLines: this.productLines,
      labels: this.labels,
      customerStart,
      entryToken,
      entryRows,
      entryFlags,
      entryOrderHash,
      entryName,
      entryRep,
      entryUnlinedCents,
      entryOrders,
      entryLines,
      customerLineStart,
      lineProduct,
      lineCents,
      extraOrders: Int32Array.from(extra),
      lineTokens: Int32Array.from(orders.lineTokens),
    };
  }

  /**
   * Join another ledger's state (read from another part of the same export) to this one. Its
   * date tokens are renumbered with `tokenOf` (its token -> this book's token). Costs a map of its
   * strings, not a pass over its entries: the entries are read where they are.
   */
  absorb(state: LedgerState, tokenOf: ArrayLike<number>): void {
    this.segments.push(this.segmentOf(state, tokenOf));
  }

  private segmentOf(state: LedgerState, tokenOf: ArrayLike<number> | undefined): LedgerSegment {
    // A plain loop: Int32Array.from with a mapping function took ~15 ms over the 20,000 ids of
    // each thread's part of a 1M-line book, on the way from the read to the walk.
    const customerOf = new Int32Array(state.customerIds.length);
    for (let local = 0; local < customerOf.length; local++) {
      const customer = this.customerNumber(state.customerIds[local] as string);
      customerOf[local] = customer;
      if ((state.customerStart[local + 1] as number) > (state.customerStart[local] as number)) this.customerHasDays.set(customer, 1);
    }
    return {
      state,
      customerOf,
      productLineOf: Int32Array.from(state.productLines, (name) => this.productLineNumber(name)),
      labelOf: Int32Array.from(state.labels, (label) => this.labelNumber(label)),
      tokenOf,
    };
  }

  /**
   * The segments to read: the absorbed ones, and this ledger's own lines as one more. Writing
   * after reading has begun is a mistake the ledger does not guard against.
   */
  private readable(): LedgerSegment[] {
    if (this.readSegments === undefined) {
      const segments = this.entries > 0 ? [...this.segments, this.segmentOf(this.exportState(), undefined)] : [...this.segments];
      const customers = this.customerIds.length;
      for (const segment of segments) {
        const localOf = new Int32Array(customers).fill(EMPTY);
        segment.customerOf.forEach((customer, local) => {
          localOf[customer] = local;
        });
        segment.localOf = localOf;
      }
      this.readSegments = segments;
    }
    return this.readSegments;
  }

  private entryOf(customer: number, dateToken: number): number {
    const last = this.lastEntry.get(customer);
    const entryToken = this.entryToken.raw;
    if (last !== EMPTY && entryToken[last] === dateToken) return last;
    if (!this.indexed) {
      if (dateToken > this.highestToken.get(customer)) return this.newEntry(customer, dateToken);
      this.indexed = true;
      this.growSlots();
    }
    const entryCustomer = this.entryCustomer.raw;
    const mask = this.slots.length - 1;
    const hash = slotHash(customer, dateToken);
    const tag = this.slotTag(hash);
    const entryMask = this.slotEntryMask;
    let slot = hash & mask;
    for (;;) {
      const stored = this.slots[slot] as number;
      if (stored === 0) break;
      if ((stored & ~entryMask) === tag) {
        const entry = (stored & entryMask) - 1;
        if (entryCustomer[entry] === customer && entryToken[entry] === dateToken) {
          this.lastEntry.set(customer, entry);
          return entry;
        }
      }
      slot = (slot + 1) & mask;
    }
    const entry = this.newEntry(customer, dateToken);
    this.slots[slot] = tag | (entry + 1);
    // Kept at most 70% full: a probe finds its key or a hole within a few steps (most rows never
    // probe: lastEntry has them), and the table costs under 6 bytes an entry.
    if ((this.entries - this.partFirstEntry) * 10 > this.slots.length * 7 || this.entries === this.slotEntryMask) this.growSlots();
    return entry;
  }

  private newEntry(customer: number, dateToken: number): number {
    const entry = this.entries++;
    this.entryCustomer.set(entry, customer);
    this.entryToken.set(entry, dateToken);
    this.customerHasDays.set(customer, 1);
    this.lastEntry.set(customer, entry);
    if (dateToken > this.highestToken.get(customer)) this.highestToken.set(customer, dateToken);
    return entry;
  }

  /**
   * A slot holds its entry + 1 in the low bits and the top bits of the key's hash above them: a
   * probe passes over other keys' slots without reading their entries (at 70% full a new key
   * probes ~6 slots, each a cache miss in the entry columns). Once the entries outgrow the low
   * bits the tags are dropped and every bit holds the entry.
   */
  private slotTag(hash: number): number {
    return this.slotEntryMask === SLOT_ENTRY_MASK ? (hash >>> (32 - SLOT_TAG_BITS)) << (31 - SLOT_TAG_BITS) : 0;
  }

  /** A table for every entry of the part so far, at most 70% full: twice the size, or the first one. */
  private growSlots(): void {
    if (this.entries >= SLOT_ENTRY_MASK) this.slotEntryMask = UNTAGGED_ENTRY_MASK;
    const partEntries = this.entries - this.partFirstEntry;
    let size = Math.max(this.slots.length, 1 << 12);
    while (partEntries * 10 > size * 7) size *= 2;
    const slots = new Int32Array(size);
    const mask = slots.length - 1;
    for (let entry = this.partFirstEntry; entry < this.entries; entry++) {
      const hash = slotHash(this.entryCustomer.get(entry), this.entryToken.get(entry));
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = this.slotTag(hash) | (entry + 1);
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
    const lineProduct = this.lineProduct.raw;
    const lineNext = this.lineNext.raw;
    const head = this.entryLineHead.get(entry);
    for (let link = head; link !== 0; link = lineNext[link - 1] as number) {
      if (lineProduct[link - 1] === productLine) {
        this.lineCents.add(link - 1, cents);
        return;
      }
    }
    const line = this.lines++;
    this.lineProduct.set(line, productLine);
    this.lineCents.set(line, cents);
    this.lineNext.set(line, head);
    this.entryLineHead.set(entry, line + 1);
  }

  /** Of two labels stored + 1 (0: none), the one whose text sorts first. */
  private smallerLabel(current: number, next: number): number {
    if (current === 0 || current === next) return next;
    return (this.labels[next - 1] as string) < (this.labels[current - 1] as string) ? next : current;
  }
}

/**
 * The other order hashes of an entry's day (LedgerState.extraOrders). The segment's index of them
 * is built on first use, by a day read from two parts or written two ways: a book without such a
 * day never builds it (tens of thousands of entries, ~20 ms at 10M rows).
 */
export function extraOrdersOf(segment: LedgerSegment, entry: number): readonly number[] {
  if (segment.extraOrders === undefined) {
    const { extraOrders } = segment.state;
    const index = new Map<number, number[]>();
    for (let i = 0; i < extraOrders.length; ) {
      const size = extraOrders[i + 1] as number;
      index.set(extraOrders[i] as number, Array.from(extraOrders.subarray(i + 2, i + 2 + size)));
      i += 2 + size;
    }
    segment.extraOrders = index;
  }
  return segment.extraOrders.get(entry) ?? [];
}

/** Hash bits kept in a slot beside its entry, while the entries fit the bits below them. */
const SLOT_TAG_BITS = 5;
const SLOT_ENTRY_MASK = 2 ** (31 - SLOT_TAG_BITS) - 1;
const UNTAGGED_ENTRY_MASK = 0x7fffffff;

function slotHash(customer: number, dateToken: number): number {
  let hash = Math.imul(customer, 0x9e3779b1) + dateToken;
  hash = Math.imul(hash ^ (hash >>> 15), 0x85ebca77);
  return hash ^ (hash >>> 13);
}

function looseId(id: string): string {
  return id.trim().toUpperCase().replace(/^0+(?=.)/, '');
}

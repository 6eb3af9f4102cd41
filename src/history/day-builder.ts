import type { Day } from '../ingest/day.js';
import { EMPTY, extraOrdersOf, HAS_ORDER_ID, HAS_SALE_LINE, type BookLedger, type LedgerSegment } from './book-ledger.js';
import type { DayColumns } from './customer-timeline.js';
import type { RowCounts } from './build-timelines.js';
import { compareText } from './compare-text.js';
import { grown } from './growable-array.js';

/** At most this many ascending runs of a customer's entries are merged; more are sorted. */
const MAX_MERGED_RUNS = 16;

/** A customer's days up to the as-of date, with the name and rep they go by. */
export interface CustomerDays {
  /** Views of the builder's own columns: valid until it builds the next customer's days. */
  readonly days: DayColumns;
  readonly name: string | undefined;
  readonly rep: string | undefined;
}

/** A customer's order days as of a date, short of the days themselves. */
export interface OrderDaySpan {
  readonly first: Day;
  readonly last: Day;
  readonly orderDays: number;
}

/**
 * Reads customers' days out of the ledger's columns into day columns: entries on the same date
 * text from two parts of a file, and date texts that fall on the same day, are folded with scratch
 * arrays reused from customer to customer, and the days are written to columns reused the same
 * way, so a customer costs a few views and the names of their product lines, whatever their days.
 */
export class DayBuilder {
  private readonly segments: readonly LedgerSegment[];
  /** Book product line -> its place in name order, so a day's lines sort without comparing strings. */
  private readonly productLineRank: Int32Array;
  private readonly productLineNames: readonly string[];
  private readonly lineCents: Float64Array;
  private readonly lineSeen: Uint8Array;
  /** The day's product lines so far (each at most once a day, so room for every line is enough), and how many. */
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private segmentOf = new Int32Array(256);
  private entryOf = new Int32Array(256);
  private tokenOf = new Int32Array(256);
  private dayOf = new Float64Array(256);
  /** Each gathered entry's first product line in its segment (the ledger keeps counts, not starts). */
  private lineFromOf = new Int32Array(256);
  private order = new Int32Array(256);
  /** The other buffer of a merge of runs, and where each run starts (runStart[runs] = the end). */
  private mergeScratch = new Int32Array(0);
  private readonly runStart = new Int32Array(MAX_MERGED_RUNS + 1);
  /** The day columns being written (see DayColumns); lineProduct holds book product lines until the customer's days are done. */
  private outDay = new Float64Array(256);
  private outOrders = new Int32Array(256);
  private outRevenue = new Float64Array(256);
  private outLineStart = new Int32Array(257);
  private outLineProduct = new Int32Array(256);
  private outLineRevenue = new Float64Array(256);
  private outLines = 0;
  /** Book product line -> its place among the customer's (-1: not theirs), and the customer's product lines so far. */
  private readonly customerPlace: Int32Array;
  private readonly customerLines: Int32Array;
  private customerLineCount = 0;

  constructor(
    private readonly ledger: BookLedger,
    private readonly orderDay: readonly Day[],
  ) {
    this.segments = ledger.segmentsForReading();
    const count = ledger.productLineCount;
    this.productLineNames = Array.from({ length: count }, (_, productLine) => ledger.productLineName(productLine));
    const byName = Array.from({ length: count }, (_, productLine) => productLine).sort((a, b) => compareText(this.productLineNames[a] as string, this.productLineNames[b] as string));
    this.productLineRank = new Int32Array(count);
    byName.forEach((productLine, rank) => {
      this.productLineRank[productLine] = rank;
    });
    this.lineCents = new Float64Array(count);
    this.lineSeen = new Uint8Array(count);
    this.touched = new Int32Array(count);
    this.customerPlace = new Int32Array(count).fill(-1);
    this.customerLines = new Int32Array(count);
  }

  /**
   * The customer's days on or before `asOf`, oldest first; rows are counted into `counts` as used
   * or as after the as-of date. The latest name and rep win; on the same day the lexically
   * smaller, so row order never matters. The columns are this builder's, rewritten by its next call.
   */
  daysOf(customer: number, asOf: Day, counts: RowCounts): CustomerDays {
    const found = this.gather(customer, asOf, counts);
    const { segmentOf, entryOf, tokenOf, dayOf } = this;
    const order = this.sortedOrder(found.entries);
    if (this.outDay.length < found.entries) this.growDayColumns(found.entries);
    let days = 0;
    this.outLines = 0;
    // Book label numbers (-1: none yet): names are looked up only when two labels meet on one day.
    let nameLabel = -1;
    let repLabel = -1;
    let nameDay = -Infinity;
    let repDay = -Infinity;
    for (let first = 0; first < order.length; ) {
      const day = dayOf[order[first] as number] as number;
      let orders = 0;
      let netCents = 0;
      let at = first;
      while (at < order.length && dayOf[order[at] as number] === day) {
        // One date text: its entries (one per part of the file it was read in) share order ids.
        const token = tokenOf[order[at] as number];
        let end = at + 1;
        while (end < order.length && dayOf[order[end] as number] === day && tokenOf[order[end] as number] === token) end++;
        orders += this.ordersOn(order, at, end);
        for (let index = at; index < end; index++) {
          const item = order[index] as number;
          const segment = this.segments[segmentOf[item] as number] as LedgerSegment;
          const entry = entryOf[item] as number;
          // Whole cents: the rows with no product line, then the lines, add up as the rows did.
          netCents += (segment.state.entryUnlinedCents[entry] as number) + this.addLines(segment, entry, this.lineFromOf[item] as number);
          const entryName = this.labelOf(segment, segment.state.entryName[entry] as number);
          if (entryName >= 0 && (day > nameDay || (day === nameDay && this.isSmallerLabel(entryName, nameLabel)))) {
            nameLabel = entryName;
            nameDay = day;
          }
          const entryRep = this.labelOf(segment, segment.state.entryRep[entry] as number);
          if (entryRep >= 0 && (day > repDay || (day === repDay && this.isSmallerLabel(entryRep, repLabel)))) {
            repLabel = entryRep;
            repDay = day;
          }
        }
        at = end;
      }
      this.outDay[days] = day;
      // Without order ids, a day's several same-day rows are one order.
      this.outOrders[days] = orders > 0 && !found.countsOrderIds ? 1 : orders;
      this.outRevenue[days] = netCents / 100;
      this.outLineStart[days] = this.outLines;
      this.takeLines();
      days++;
      first = at;
    }
    this.outLineStart[days] = this.outLines;
    const productLines = this.placeCustomerLines();
    return {
      days: {
        day: this.outDay.subarray(0, days),
        orders: this.outOrders.subarray(0, days),
        revenue: this.outRevenue.subarray(0, days),
        lineStart: this.outLineStart.subarray(0, days + 1),
        lineProduct: this.outLineProduct.subarray(0, this.outLines),
        lineRevenue: this.outLineRevenue.subarray(0, this.outLines),
        productLines,
      },
      name: nameLabel < 0 ? undefined : this.ledger.labelName(nameLabel),
      rep: repLabel < 0 ? undefined : this.ledger.labelName(repLabel),
    };
  }

  /**
   * The first and last of the customer's order days on or before `asOf` (days with a sale line, as
   * daysOf counts them), and how many there are; undefined without one. No day objects: this is a
   * pass over the book before the timelines are built.
   */
  orderDaySpan(customer: number, asOf: Day): OrderDaySpan | undefined {
    // The days with a sale line straight from the ledger: no rows counted, no entries kept (gather
    // does both for the days themselves), as this pass runs over the whole book before the walk.
    let saleEntries = 0;
    let sorted = true;
    for (const segment of this.segments) {
      const local = (segment.localOf as Int32Array)[customer] as number;
      if (local === EMPTY) continue;
      const { state, tokenOf } = segment;
      const { entryFlags, entryToken } = state;
      const end = state.customerStart[local + 1] as number;
      for (let entry = state.customerStart[local] as number; entry < end; entry++) {
        if (((entryFlags[entry] as number) & HAS_SALE_LINE) === 0) continue;
        const ownToken = entryToken[entry] as number;
        const day = this.orderDay[tokenOf === undefined ? ownToken : (tokenOf[ownToken] as number)] as Day;
        if (day > asOf) continue;
        if (saleEntries === this.dayOf.length) this.growScratch();
        if (saleEntries > 0 && day < (this.dayOf[saleEntries - 1] as number)) sorted = false;
        this.dayOf[saleEntries++] = day;
      }
    }
    if (saleEntries === 0) return undefined;
    // Most exports come in date order, and their entries with them.
    const days = sorted ? this.dayOf.subarray(0, saleEntries) : this.dayOf.subarray(0, saleEntries).sort();
    let orderDays = 1;
    for (let item = 1; item < saleEntries; item++) if (days[item] !== days[item - 1]) orderDays++;
    return { first: days[0] as Day, last: days[saleEntries - 1] as Day, orderDays };
  }

  /** Every entry of the customer into the scratch columns; returns how many are on or before `asOf`. */
  private gather(customer: number, asOf: Day, counts: RowCounts): { entries: number; countsOrderIds: boolean } {
    let entries = 0;
    let countsOrderIds = false;
    this.segments.forEach((segment, segmentIndex) => {
      const local = (segment.localOf as Int32Array)[customer] as number;
      if (local === EMPTY) return;
      const { state } = segment;
      const end = state.customerStart[local + 1] as number;
      // The entries' lines follow one another from the customer's first: counted on, skipped ones too.
      let line = state.customerLineStart[local] as number;
      for (let entry = state.customerStart[local] as number; entry < end; entry++) {
        const firstLine = line;
        line += state.entryLines[entry] as number;
        if (((state.entryFlags[entry] as number) & HAS_ORDER_ID) !== 0) countsOrderIds = true;
        const ownToken = state.entryToken[entry] as number;
        const token = segment.tokenOf === undefined ? ownToken : (segment.tokenOf[ownToken] as number);
        const day = this.orderDay[token] as Day;
        if (day > asOf) {
          counts.rowsAfterAsOf += state.entryRows[entry] as number;
          continue;
        }
        counts.rowsUsed += state.entryRows[entry] as number;
        if (entries === this.entryOf.length) this.growScratch();
        this.segmentOf[entries] = segmentIndex;
        this.entryOf[entries] = entry;
        this.tokenOf[entries] = token;
        this.dayOf[entries] = day;
        this.lineFromOf[entries] = firstLine;
        entries++;
      }
    });
    return { entries, countsOrderIds };
  }

  /**
   * Scratch indexes 0..count-1 by day, then date text; most exports come in date order already.
   * A view of typed scratch: setting a plain array's length for every customer cost ~90 ms at 10M.
   * Entries in date order within each part of the file, gathered part after part, are a few
   * ascending runs (a thread that took on the far end of another's part holds the end of the file
   * before its middle): those are merged, where a sort with a comparator cost ~0.1 s of a 10M walk.
   * Entries of the same day and date text may come out in any order: the day folds them alike.
   */
  private sortedOrder(count: number): Int32Array {
    const order = this.order.subarray(0, count);
    this.runStart[0] = 0;
    let runs = 1;
    for (let index = 0; index < count; index++) {
      order[index] = index;
      if (index > 0 && this.compareItems(index - 1, index) > 0) {
        if (runs <= MAX_MERGED_RUNS) this.runStart[runs] = index;
        runs++;
      }
    }
    if (runs === 1) return order;
    if (runs > MAX_MERGED_RUNS) return order.sort((a, b) => this.compareItems(a, b));
    this.runStart[runs] = count;
    return this.mergeRuns(count, runs);
  }

  /** The `runs` ascending runs of scratch indexes (from runStart) merged pairwise until one is left. */
  private mergeRuns(count: number, runs: number): Int32Array {
    if (this.mergeScratch.length < this.order.length) this.mergeScratch = new Int32Array(this.order.length);
    let from = this.order;
    let to = this.mergeScratch;
    const starts = this.runStart;
    while (runs > 1) {
      let merged = 0;
      for (let run = 0; run < runs; run += 2) {
        const start = starts[run] as number;
        const middle = starts[Math.min(run + 1, runs)] as number;
        const end = starts[Math.min(run + 2, runs)] as number;
        let left = start;
        let right = middle;
        let at = start;
        while (left < middle && right < end) {
          // The left run's item first on a tie: a stable merge, as a stable sort would order them.
          if (this.compareItems(from[left] as number, from[right] as number) <= 0) to[at++] = from[left++] as number;
          else to[at++] = from[right++] as number;
        }
        while (left < middle) to[at++] = from[left++] as number;
        while (right < end) to[at++] = from[right++] as number;
        starts[merged++] = start;
      }
      starts[merged] = count;
      runs = merged;
      [from, to] = [to, from];
    }
    // The merged order is wherever the last pass wrote it; the scratch swaps roles when that is the other buffer.
    if (from !== this.order) {
      this.mergeScratch = this.order;
      this.order = from;
    }
    return this.order.subarray(0, count);
  }

  private compareItems(a: number, b: number): number {
    return (this.dayOf[a] as number) - (this.dayOf[b] as number) || (this.tokenOf[a] as number) - (this.tokenOf[b] as number);
  }

  /** Orders on one date text: its distinct order ids with a sale line, or 1 with sales but no ids. */
  private ordersOn(order: Int32Array, from: number, to: number): number {
    if (to - from === 1) {
      const item = order[from] as number;
      const segment = this.segments[this.segmentOf[item] as number] as LedgerSegment;
      const entry = this.entryOf[item] as number;
      const flags = segment.state.entryFlags[entry] as number;
      if ((flags & HAS_SALE_LINE) === 0) return 0;
      return Math.max(1, segment.state.entryOrders[entry] as number);
    }
    let hasSaleLine = false;
    const hashes = new Set<number>();
    for (let index = from; index < to; index++) {
      const item = order[index] as number;
      const segment = this.segments[this.segmentOf[item] as number] as LedgerSegment;
      const entry = this.entryOf[item] as number;
      const flags = segment.state.entryFlags[entry] as number;
      if ((flags & HAS_SALE_LINE) !== 0) hasSaleLine = true;
      if ((flags & HAS_ORDER_ID) === 0) continue;
      hashes.add(segment.state.entryOrderHash[entry] as number);
      for (const hash of extraOrdersOf(segment, entry)) hashes.add(hash);
    }
    return hasSaleLine ? Math.max(1, hashes.size) : 0;
  }

  /** The entry's lines, from `firstLine`, onto the day's by book product line; returns the cents they come to. */
  private addLines(segment: LedgerSegment, entry: number, firstLine: number): number {
    const { state } = segment;
    const end = firstLine + (state.entryLines[entry] as number);
    let entryCents = 0;
    for (let line = firstLine; line < end; line++) {
      const productLine = segment.productLineOf[state.lineProduct[line] as number] as number;
      if (this.lineSeen[productLine] === 0) {
        this.lineSeen[productLine] = 1;
        this.touched[this.touchedCount++] = productLine;
      }
      const cents = state.lineCents[line] as number;
      this.lineCents[productLine] = (this.lineCents[productLine] as number) + cents;
      entryCents += cents;
    }
    return entryCents;
  }

  /** The day's product lines, in name order, onto the line columns, and the scratch cleared for the next day. */
  private takeLines(): void {
    const touched = this.touched;
    const count = this.touchedCount;
    if (count === 0) return;
    // A day has a few lines: insertion sort by rank. Array.prototype.sort would copy them to a work
    // array on every call, a third of all the memory a book's scoring allocated.
    const rank = this.productLineRank;
    for (let index = 1; index < count; index++) {
      const productLine = touched[index] as number;
      const productLineRank = rank[productLine] as number;
      let at = index - 1;
      while (at >= 0 && (rank[touched[at] as number] as number) > productLineRank) {
        touched[at + 1] = touched[at] as number;
        at--;
      }
      touched[at + 1] = productLine;
    }
    if (this.outLineProduct.length < this.outLines + count) this.growLineColumns(this.outLines + count);
    for (let index = 0; index < count; index++) {
      const productLine = touched[index] as number;
      this.outLineProduct[this.outLines] = productLine;
      this.outLineRevenue[this.outLines] = (this.lineCents[productLine] as number) / 100;
      this.outLines++;
      if (this.customerPlace[productLine] === -1) {
        this.customerPlace[productLine] = 0;
        this.customerLines[this.customerLineCount++] = productLine;
      }
      this.lineCents[productLine] = 0;
      this.lineSeen[productLine] = 0;
    }
    this.touchedCount = 0;
  }

  /**
   * The customer's product lines in name order, with the line columns renumbered from book product
   * lines to places in that list, and the scratch cleared for the next customer.
   */
  private placeCustomerLines(): string[] {
    const rank = this.productLineRank;
    const lines = this.customerLines.subarray(0, this.customerLineCount).sort((a, b) => (rank[a] as number) - (rank[b] as number));
    const names: string[] = [];
    lines.forEach((productLine, place) => {
      this.customerPlace[productLine] = place;
      names.push(this.productLineNames[productLine] as string);
    });
    for (let line = 0; line < this.outLines; line++) this.outLineProduct[line] = this.customerPlace[this.outLineProduct[line] as number] as number;
    for (const productLine of lines) this.customerPlace[productLine] = -1;
    this.customerLineCount = 0;
    return names;
  }

  /** The book label of a label as a part's state stores it (+ 1, 0 for none); -1 for none. */
  private labelOf(segment: LedgerSegment, storedLabel: number): number {
    return storedLabel === 0 ? -1 : (segment.labelOf[storedLabel - 1] as number);
  }

  /** Lexically smaller than the label chosen so far (the same label is not). */
  private isSmallerLabel(label: number, chosen: number): boolean {
    return label !== chosen && chosen >= 0 && this.ledger.labelName(label) < this.ledger.labelName(chosen);
  }

  private growScratch(): void {
    this.segmentOf = grown(this.segmentOf, this.segmentOf.length * 2);
    this.entryOf = grown(this.entryOf, this.entryOf.length * 2);
    this.tokenOf = grown(this.tokenOf, this.tokenOf.length * 2);
    this.lineFromOf = grown(this.lineFromOf, this.lineFromOf.length * 2);
    this.dayOf = grown(this.dayOf, this.dayOf.length * 2);
    this.order = grown(this.order, this.order.length * 2);
  }

  /** Room for `days` days (a customer has at most as many days as entries). */
  private growDayColumns(days: number): void {
    const length = Math.max(days, this.outDay.length * 2);
    this.outDay = grown(this.outDay, length);
    this.outOrders = grown(this.outOrders, length);
    this.outRevenue = grown(this.outRevenue, length);
    this.outLineStart = grown(this.outLineStart, length + 1);
  }

  private growLineColumns(lines: number): void {
    const length = Math.max(lines, this.outLineProduct.length * 2);
    this.outLineProduct = grown(this.outLineProduct, length);
    this.outLineRevenue = grown(this.outLineRevenue, length);
  }
}

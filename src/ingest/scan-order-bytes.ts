import { stripBidiMarks } from './bidi-marks.js';
import { MAX_RECORD_BYTES, splitQuotedLine } from './quoted-line.js';
import type { DateColumn } from './date-column.js';
import { hashOrderId, NO_ORDER_ID } from './order-id-hash.js';
import { toCents } from './order-line.js';
import type { OrderColumns, OrderRowReader } from './order-row-reader.js';
import type { OrderSink } from './order-sink.js';
import { CUSTOMERS, DATE_TOKENS, LABELS, NOT_SEEN, PRODUCT_LINES, ScanKernel, type Dictionary } from './scan-kernel.js';

/** How a byte scan reads the rows of one export: decided once, from its head, for every thread. */
export interface ByteScanPlan {
  readonly headerCount: number;
  readonly columns: OrderColumns;
  /** The delimiter as one byte. */
  readonly delimiter: number;
  /** The file's first line ends in CR LF (csv-parse settles on the first line end). */
  readonly crlf: boolean;
  /** The decimal mark as a byte. */
  readonly decimalMark: number;
}

/**
 * The strings a scan has decoded and judged, by their bytes (in the ScanKernel's dictionaries):
 * kept from one part of a file to the next read into the same sink and date column (their numbers
 * are theirs), so a thread that takes on another part knows its customers and dates already.
 */
export class ScanDictionaries {
  private kernel: ScanKernel | undefined;

  /** The kernel holding them, made on first use for lines of `fields` fields. */
  kernelFor(fields: number): ScanKernel {
    this.kernel ??= ScanKernel.create(fields);
    if (this.kernel === undefined || this.kernel.stride !== 2 + 2 * fields) throw new Error('the byte scan needs WebAssembly SIMD, for lines of one width');
    return this.kernel;
  }
}

/** What a kernel record says a line holds (see scan-kernel.wat): its delimiters, and two marks above them. */
const DELIMITERS = 0x1fffffff;
const ENDS_WITH_CR = 0x20000000;
const QUOTE_OR_RETURN = 0x40000000;
/** What the kernel's orderHash says of an id it did not hash: a blank at an edge, a byte past ASCII. */
const ORDER_ID_EDGE_BLANK = 1;
const ORDER_ID_PAST_ASCII = 2;
/** Interned value of a field that cannot take the byte route (edge blanks, bad bytes, no date). */
const SLOW = -3;
/** An absent or empty field: the sink's "none". */
const NO_FIELD = -1;

/**
 * Reads order rows straight from UTF-8 bytes, the way the string route (decode, split, trim,
 * parseMoney) would, for the rows it can read with certainty: unquoted fields without blanks at
 * their edges, plain amounts (`-1234.50`). The bytes are read in WebAssembly (ScanKernel): lines
 * split, strings that repeat looked up (and decoded once), rows with known keys read whole. Any
 * other row is decoded and handed to the OrderRowReader whole, so every reject is judged in one
 * place. A line the string route itself would hand to csv-parse (a quoted field running onto the
 * next line, a stray carriage return, another line ending) stops the scan: `bailed` is then set,
 * and the caller reads the whole file the string route instead.
 */
export class OrderByteScanner {
  bailed = false;
  /** Physical lines seen, blank ones included. */
  lines = 0;
  /** Bytes of the unfinished last line, at the start of the kernel's input. */
  private carried = 0;
  /** A line longer than the kernel's input, so far. */
  private longLine: Buffer | undefined;
  /** Every byte is read from the kernel's memory, where a buffer is loaded a megabyte at a time. */
  private readonly kernel: ScanKernel;
  /**
   * The kernel record of the row being read (in its `records`): one `split` wrote, or the one for
   * a line split here byte by byte. Field k runs from number 2 + 2k of it to number 3 + 2k.
   */
  private recordBase = 0;
  private readonly delimiterText: string;
  /** Per byte value: 0 plain, 1 the delimiter, 2 a byte that sends the row the string route. */
  private readonly special = new Uint8Array(256);

  constructor(
    private readonly plan: ByteScanPlan,
    private readonly sink: OrderSink,
    private readonly dates: DateColumn,
    private readonly rows: OrderRowReader,
    /** The file line just before this scan's first line. */
    private readonly lineBase: number,
    dictionaries: ScanDictionaries = new ScanDictionaries(),
  ) {
    this.kernel = dictionaries.kernelFor(plan.headerCount);
    this.kernel.configure(plan.columns, plan.decimalMark);
    this.delimiterText = String.fromCharCode(plan.delimiter);
    this.special[plan.delimiter] = 1;
    this.special[34] = 2;
    this.special[13] = 2;
  }

  /**
   * Where the next bytes go: the kernel's input, after the unfinished line carried at its start,
   * and how many fit. Write them there (a file read straight into it, or a copy) and `consume` them.
   */
  room(): { readonly bytes: Uint8Array; readonly at: number; readonly length: number } {
    return { bytes: this.kernel.bytes, at: this.kernel.inputAt + this.carried, length: this.kernel.capacity - this.carried };
  }

  /** A buffer's bytes, through `room` and `consume`. */
  feed(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.length && !this.bailed; ) {
      const room = this.room();
      const length = Math.min(room.length, chunk.length - at);
      room.bytes.set(chunk.subarray(at, at + length), room.at);
      this.consume(length);
      at += length;
    }
  }

  /**
   * Read every line completed by `length` new bytes at room().at. The unfinished last line is
   * carried to the start of the input; one that fills the input is held apart (longLine) until its
   * line feed comes.
   */
  consume(length: number): void {
    if (this.bailed) return;
    const kernel = this.kernel;
    const start = kernel.inputAt;
    const end = start + this.carried + length;
    kernel.prepare(end - start);
    // A remembered order id's bytes may have moved or been overwritten since.
    kernel.forgetOrder();
    let from = start;
    if (this.longLine !== undefined) {
      const newline = kernel.text.indexOf(10, start);
      if (newline < 0 || newline >= end) {
        this.longLine = Buffer.concat([this.longLine, kernel.text.subarray(start, end)]);
        if (this.longLine.length > MAX_RECORD_BYTES) this.bailed = true;
        this.carried = 0;
        return;
      }
      this.readLongLine(Buffer.concat([this.longLine, kernel.text.subarray(start, newline)]), true);
      this.longLine = undefined;
      if (this.bailed) return;
      from = newline + 1;
    }
    const unfinished = this.readLines(from, end);
    if (this.bailed) return;
    if (unfinished === start && end - start === kernel.capacity) {
      this.longLine = Buffer.from(kernel.text.subarray(start, end));
      this.carried = 0;
    } else {
      if (unfinished > start) kernel.bytes.copyWithin(start, unfinished, end);
      this.carried = end - unfinished;
    }
  }

  end(): void {
    if (!this.bailed) {
      const start = this.kernel.inputAt;
      if (this.longLine !== undefined) this.readLongLine(this.longLine, false);
      else if (this.carried > 0) this.line(this.kernel.bytes, start, start + this.carried, false);
    }
    this.longLine = undefined;
    this.carried = 0;
  }

  /**
   * The complete lines of the kernel's input from `from` to `end`, split by the kernel (or byte by
   * byte, for a delimiter that is a quote or a carriage return); returns where the unfinished last
   * line starts.
   */
  private readLines(from: number, end: number): number {
    const kernel = this.kernel;
    if (this.special[this.plan.delimiter] !== 1) {
      const bytes = kernel.bytes;
      const text = kernel.text.subarray(from, end);
      let lineStart = from;
      for (;;) {
        const newline = text.indexOf(10, lineStart - from);
        if (newline < 0) break;
        this.line(bytes, lineStart, from + newline, true);
        if (this.bailed) break;
        lineStart = from + newline + 1;
      }
      return lineStart;
    }
    for (;;) {
      const count = kernel.split(from, end, this.plan.delimiter);
      const { records, stride } = kernel;
      for (let base = 0; base < count * stride; base += stride) {
        this.splitRow(records, base);
        if (this.bailed) return from;
      }
      if (count === 0) break;
      from = (records[(count - 1) * stride] as number) + 1;
      if (count < ScanKernel.maxLinesPerCall) break;
    }
    return from;
  }

  /**
   * A line longer than the kernel's input, as the string route reads it: no row the fast path
   * reads is this long. Past MAX_RECORD_BYTES the scan stops, as for any line.
   */
  private readLongLine(line: Buffer, hasNewline: boolean): void {
    this.lines++;
    let end = line.length;
    if (hasNewline) {
      const endsWithCr = line[end - 1] === 13;
      if (endsWithCr !== this.plan.crlf) {
        this.bailed = true;
        return;
      }
      if (endsWithCr) end--;
    }
    if (end > MAX_RECORD_BYTES) this.bailed = true;
    else this.slowText(line.toString('utf8', 0, end));
  }

  private line(bytes: Uint8Array, start: number, lineEnd: number, hasNewline: boolean): void {
    const headerCount = this.plan.headerCount;
    const special = this.special;
    const records = this.kernel.records;
    const first = this.kernel.lineRecordBase + 2;
    let fields = 0;
    let fieldStart = start;
    let overflow = false;
    // A CR LF line's CR is not part of its last field (endLine checks the line end).
    const fieldsEnd = hasNewline && lineEnd > start && bytes[lineEnd - 1] === 13 ? lineEnd - 1 : lineEnd;
    for (let i = start; i < fieldsEnd; i++) {
      // One table load per byte: 1 for the delimiter, 2 for a quote or carriage return.
      const kind = special[bytes[i] as number] as number;
      if (kind === 0) continue;
      if (kind !== 1 || fields === headerCount) {
        overflow = true;
        break;
      }
      if (fields < headerCount - 1) {
        records[first + 2 * fields] = fieldStart;
        records[first + 2 * fields + 1] = i;
      }
      fields++;
      fieldStart = i + 1;
    }
    this.endLine(bytes, start, lineEnd, hasNewline, fields, fieldStart, overflow);
  }

  /**
   * A line split into `fields` + 1 fields (the last one from `fieldStart` to the line's end still
   * to record), or `overflow`: more fields than the header, or a byte only the string route reads.
   */
  private endLine(bytes: Uint8Array, start: number, lineEnd: number, hasNewline: boolean, fields: number, fieldStart: number, overflow: boolean): void {
    this.lines++;
    let end = lineEnd;
    if (hasNewline) {
      const endsWithCr = end > start && bytes[end - 1] === 13;
      if (endsWithCr !== this.plan.crlf) {
        this.bailed = true;
        return;
      }
      if (endsWithCr) end--;
    }
    if (start === end) return;
    if (end - start > MAX_RECORD_BYTES) {
      this.bailed = true;
      return;
    }
    const headerCount = this.plan.headerCount;
    if (overflow || fields >= headerCount) return this.slowRow(start, end);
    const records = this.kernel.records;
    const base = this.kernel.lineRecordBase;
    records[base + 2 + 2 * fields] = fieldStart;
    records[base + 3 + 2 * fields] = end;
    records.fill(0, base + 4 + 2 * fields, base + this.kernel.stride);
    this.recordBase = base;
    if (!this.fastRow()) this.slowRow(start, end);
  }

  /** One line as a kernel record at `base`: [line end, what it holds, start 0, end 0, ...], as endLine reads a line. */
  private splitRow(records: Int32Array, base: number): void {
    this.lines++;
    const start = records[base + 2] as number;
    const holds = records[base + 1] as number;
    const endsWithCr = (holds & ENDS_WITH_CR) !== 0;
    if (endsWithCr !== this.plan.crlf) {
      this.bailed = true;
      return;
    }
    const end = endsWithCr ? (records[base] as number) - 1 : (records[base] as number);
    if (start === end) return;
    if (end - start > MAX_RECORD_BYTES) {
      this.bailed = true;
      return;
    }
    if ((holds & (QUOTE_OR_RETURN | DELIMITERS)) >= this.plan.headerCount) return this.slowRow(start, end);
    const kernel = this.kernel;
    if (kernel.readRow(base)) {
      const row = kernel.row;
      this.rows.rowsRead++;
      const orderHash = row[6] === 0 ? NO_ORDER_ID : (row[5] as number) >>> 0;
      this.sink.addInternedLine(row[0] as number, row[1] as number, toCents(kernel.rowAmount[0] as number), orderHash, row[2] as number, row[3] as number, row[4] as number);
      return;
    }
    this.recordBase = base;
    if (!this.fastRow()) this.slowRow(start, end);
  }

  /** The row read from its bytes; false when it must take the string route. */
  private fastRow(): boolean {
    const col = this.plan.columns;
    const line = this.lineBase + this.lines;
    const customer = this.intern(CUSTOMERS, col.customer, line);
    if (customer === SLOW || customer === NO_FIELD) return false;
    const dateToken = this.intern(DATE_TOKENS, col.date, line);
    if (dateToken === SLOW || dateToken === NO_FIELD) return false;
    const amount = this.kernel.amount(this.recordBase);
    if (Number.isNaN(amount)) return false;
    const orderHash = this.orderHash(col.order);
    if (orderHash === SLOW) return false;
    let productLine = this.intern(PRODUCT_LINES, col.category, line);
    if (productLine === NO_FIELD) productLine = this.intern(PRODUCT_LINES, col.sku, line);
    if (productLine === SLOW) return false;
    const name = this.intern(LABELS, col.customerName, line);
    if (name === SLOW) return false;
    const rep = this.intern(LABELS, col.rep, line);
    if (rep === SLOW) return false;
    this.rows.rowsRead++;
    this.sink.addInternedLine(customer, dateToken, toCents(amount), orderHash, productLine, name, rep);
    return true;
  }

  /**
   * The number for a field's bytes: NO_FIELD when the field is absent or empty, SLOW when its text
   * has blanks at an edge (the string route trims), is nothing but direction marks, or the string
   * route would reject it. Direction marks are dropped from the text before it is numbered (as
   * cleanField does on the string route), so `\u200fC5` and `C5`, two keys here, are one customer.
   */
  private intern(dictionary: Dictionary, column: number | undefined, line: number): number {
    if (column === undefined) return NO_FIELD;
    const records = this.kernel.records;
    const at = this.recordBase + 2 + 2 * column;
    const start = records[at] as number;
    const end = records[at + 1] as number;
    if (start === end) return NO_FIELD;
    const known = this.kernel.lookup(dictionary, start, end);
    if (known !== NOT_SEEN) return known;
    const text = this.kernel.text.toString('utf8', start, end);
    const value = text.trim() === text ? this.decideClean(dictionary, stripBidiMarks(text), line) : SLOW;
    this.kernel.insert(dictionary, start, end, value);
    return value;
  }

  /** Text with its direction marks dropped: SLOW when that leaves nothing, or a blank at an edge (`\u200f C5`). */
  private decideClean(dictionary: Dictionary, text: string, line: number): number {
    return text !== '' && text.trim() === text ? this.decide(dictionary, text, line) : SLOW;
  }

  private decide(dictionary: Dictionary, text: string, line: number): number {
    switch (dictionary) {
      case CUSTOMERS:
        return text.includes('\uFFFD') ? SLOW : this.sink.customerNumber(text);
      case DATE_TOKENS: {
        const token = this.dates.tokenize(text, line);
        return token < 0 ? SLOW : token;
      }
      case PRODUCT_LINES:
        return this.sink.productLineNumber(text);
      case LABELS:
        return this.sink.labelNumber(text);
    }
  }

  /**
   * The order id's hash (hashOrderId of its text without direction marks), NO_ORDER_ID for none,
   * SLOW for blanks at an edge or an id of nothing but direction marks.
   */
  private orderHash(column: number | undefined): number {
    const status = this.kernel.orderHash(this.recordBase);
    if (status === ORDER_ID_EDGE_BLANK) return SLOW;
    if (status === ORDER_ID_PAST_ASCII) {
      const at = this.recordBase + 2 + 2 * (column as number);
      const text = this.kernel.text.toString('utf8', this.kernel.records[at], this.kernel.records[at + 1]);
      if (text.trim() !== text) return SLOW;
      const clean = stripBidiMarks(text);
      return clean !== '' && clean.trim() === clean ? hashOrderId(clean) : SLOW;
    }
    const row = this.kernel.row;
    return row[6] === 0 ? NO_ORDER_ID : (row[5] as number) >>> 0;
  }

  /** Decode the line and judge it the string route's way. */
  private slowRow(start: number, end: number): void {
    this.slowText(this.kernel.text.toString('utf8', start, end));
  }

  /** A line as the string route reads it: its direction marks dropped (as csv-table does), then split and judged. */
  private slowText(line: string): void {
    const raw = stripBidiMarks(line);
    if (raw.includes('\r')) {
      this.bailed = true;
      return;
    }
    const fields = raw.includes('"') ? splitQuotedLine(raw, this.delimiterText) : raw.split(this.delimiterText);
    if (fields === undefined) {
      this.bailed = true;
      return;
    }
    if (fields.every((field) => field.trim() === '')) return;
    this.rows.consume(this.lineBase + this.lines, fields);
  }
}

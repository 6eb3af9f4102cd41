import { endianness } from 'node:os';
import { ByteInterner, NOT_SEEN, sameBytes } from './byte-interner.js';
import { MAX_RECORD_BYTES, splitQuotedLine } from './quoted-line.js';
import type { DateColumn } from './date-column.js';
import { hashOrderId, NO_ORDER_ID } from './order-id-hash.js';
import { toCents } from './order-line.js';
import type { OrderColumns, OrderRowReader } from './order-row-reader.js';
import type { OrderSink } from './order-sink.js';

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
 * The strings a scan has decoded and judged, by their bytes: kept from one part of a file to the
 * next read into the same sink and date column (their numbers are theirs), so a thread that takes
 * on another part knows its customers and dates already.
 */
export class ScanDictionaries {
  readonly customers = new ByteInterner();
  readonly dateTokens = new ByteInterner();
  readonly productLines = new ByteInterner();
  readonly labels = new ByteInterner();
}

/** Interned value of a field that cannot take the byte route (edge blanks, bad bytes, no date). */
const SLOW = -3;
/** An absent or empty field: the sink's "none". */
const NO_FIELD = -1;
/** What an interned field stands for, so each kind is decided its own way on first sight. */
const CUSTOMER = 0;
const DATE = 1;
const PRODUCT_LINE = 2;
const LABEL = 3;
type FieldKind = typeof CUSTOMER | typeof DATE | typeof PRODUCT_LINE | typeof LABEL;
/** Word masks read a buffer's lowest byte as the word's lowest. */
const LITTLE_ENDIAN = endianness() === 'LE';
/** The line feed in each byte of a word. */
const NEWLINE_WORD = 0x0a0a0a0a;
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);
/** More digits than this may not be exact as an integer double: such amounts go the string route. */
const MAX_EXACT_DIGITS = 15;

/**
 * Reads order rows straight from UTF-8 bytes, the way the string route (decode, split, trim,
 * parseMoney) would, for the rows it can read with certainty: unquoted fields without blanks at
 * their edges, plain amounts (`-1234.50`). Strings that repeat are decoded once (ByteInterner);
 * any other row is decoded and handed to the OrderRowReader whole, so every reject is judged in one
 * place. A line the string route itself would hand to csv-parse (a quoted field running onto the
 * next line, a stray carriage return, another line ending) stops the scan: `bailed` is then set,
 * and the caller reads the whole file the string route instead.
 */
export class OrderByteScanner {
  bailed = false;
  /** Physical lines seen, blank ones included. */
  lines = 0;
  private carry: Buffer | undefined;
  /** The buffer being read, for decoding: element access on a Buffer is slower than on a plain Uint8Array view of it. */
  private text: Buffer = Buffer.alloc(0);
  /** The last plain order id hashed: where its bytes are, and its hash. */
  private lastOrderBuffer: Buffer | undefined;
  private lastOrderStart = 0;
  private lastOrderLength = -1;
  private lastOrderHash = 0;
  /** The buffer being read, for the interners' four-byte reads. */
  private view: DataView = new DataView(new ArrayBuffer(0));
  private readonly customers: ByteInterner;
  private readonly dateTokens: ByteInterner;
  private readonly productLines: ByteInterner;
  private readonly labels: ByteInterner;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly delimiterText: string;
  /** Per byte value: 0 plain, 1 the delimiter, 2 a byte that sends the row the string route. */
  private readonly special = new Uint8Array(256);
  /** The delimiter in each byte of a word. */
  private readonly delimiterWord: number;

  constructor(
    private readonly plan: ByteScanPlan,
    private readonly sink: OrderSink,
    private readonly dates: DateColumn,
    private readonly rows: OrderRowReader,
    /** The file line just before this scan's first line. */
    private readonly lineBase: number,
    dictionaries: ScanDictionaries = new ScanDictionaries(),
  ) {
    ({ customers: this.customers, dateTokens: this.dateTokens, productLines: this.productLines, labels: this.labels } = dictionaries);
    this.starts = new Int32Array(plan.headerCount + 1);
    this.ends = new Int32Array(plan.headerCount + 1);
    this.delimiterText = String.fromCharCode(plan.delimiter);
    this.special[plan.delimiter] = 1;
    this.special[34] = 2;
    this.special[13] = 2;
    this.delimiterWord = Math.imul(plan.delimiter, 0x01010101);
  }

  feed(chunk: Buffer): void {
    if (this.bailed) return;
    let position = 0;
    if (this.carry !== undefined) {
      const newline = chunk.indexOf(10);
      if (newline < 0) {
        this.carry = Buffer.concat([this.carry, chunk]);
        if (this.carry.length > MAX_RECORD_BYTES) this.bailed = true;
        return;
      }
      const line = Buffer.concat([this.carry, chunk.subarray(0, newline)]);
      this.carry = undefined;
      this.read(line);
      this.line(asBytes(line), 0, line.length, true);
      position = newline + 1;
    }
    this.read(chunk);
    const bytes = asBytes(chunk);
    const words = this.wordsOf(chunk);
    if (words !== undefined) {
      position = this.wordLines(bytes, words, position);
      if (this.bailed) return;
    } else {
      for (;;) {
        const newline = chunk.indexOf(10, position);
        if (newline < 0) break;
        this.line(bytes, position, newline, true);
        if (this.bailed) return;
        position = newline + 1;
      }
    }
    if (position < chunk.length) this.carry = Buffer.from(chunk.subarray(position));
  }

  end(): void {
    if (this.carry !== undefined && !this.bailed) {
      this.read(this.carry);
      this.line(asBytes(this.carry), 0, this.carry.length, false);
    }
    this.carry = undefined;
  }

  private read(buffer: Buffer): void {
    this.text = buffer;
    this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
  }

  private line(bytes: Uint8Array, start: number, lineEnd: number, hasNewline: boolean): void {
    const headerCount = this.plan.headerCount;
    const special = this.special;
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
      this.starts[fields] = fieldStart;
      this.ends[fields] = i;
      fields++;
      fieldStart = i + 1;
    }
    this.endLine(bytes, start, lineEnd, hasNewline, fields, fieldStart, overflow);
  }

  /**
   * Every complete line of a buffer read as words (see `wordsOf`), from `position`; returns where
   * the unfinished last line starts. Delimiters and line ends are found four bytes at a time:
   * ((x & 0x7f..) + 0x7f..) | x | 0x7f.. has a clear top bit exactly in the zero bytes of x, so each
   * set bit of its complement is one delimiter or line end, taken lowest first.
   */
  private wordLines(bytes: Uint8Array, words: Uint32Array, position: number): number {
    const headerCount = this.plan.headerCount;
    const starts = this.starts;
    const ends = this.ends;
    const delimiterWord = this.delimiterWord;
    let lineStart = position;
    let fieldStart = position;
    let fields = 0;
    let overflow = false;
    const wordCount = bytes.length >> 2;
    // The last bytes, short of a word, are read as one more word padded with zeros (never a
    // delimiter or a line feed).
    const lastWord = (bytes.length + 3) >> 2;
    let word = position >> 2;
    // Bytes before `position` in its word belong to a line already read.
    let skip = -1 << ((position & 3) << 3);
    for (; word < lastWord; word++) {
      const value = word < wordCount ? (words[word] as number) : paddedWord(bytes, word << 2);
      const delimiters = value ^ delimiterWord;
      const newlines = value ^ NEWLINE_WORD;
      let found = ~((((delimiters & 0x7f7f7f7f) + 0x7f7f7f7f) | delimiters) & (((newlines & 0x7f7f7f7f) + 0x7f7f7f7f) | newlines) | 0x7f7f7f7f) & skip;
      skip = -1;
      while (found !== 0) {
        const lowest = found & -found;
        found ^= lowest;
        const at = (word << 2) + ((31 - Math.clz32(lowest)) >> 3);
        if (bytes[at] === 10) {
          this.endLine(bytes, lineStart, at, true, fields, fieldStart, overflow);
          if (this.bailed) return at;
          lineStart = at + 1;
          fieldStart = lineStart;
          fields = 0;
          overflow = false;
        } else if (fields === headerCount) {
          overflow = true;
        } else {
          starts[fields] = fieldStart;
          ends[fields] = at;
          fields++;
          fieldStart = at + 1;
        }
      }
    }
    return lineStart;
  }

  /**
   * A line split into `fields` fields (the last one from `fieldStart` to the line's end still to
   * record), or `overflow`: more fields than the header, or a byte only the string route reads.
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
    if (overflow || fields === headerCount) return this.slowRow(bytes, start, end);
    this.starts[fields] = fieldStart;
    this.ends[fields] = end;
    fields++;
    for (; fields < headerCount; fields++) {
      this.starts[fields] = 0;
      this.ends[fields] = 0;
    }
    if (!this.fastRow(bytes)) this.slowRow(bytes, start, end);
  }

  /**
   * The buffer as little-endian 32-bit words, when it holds no quote and no carriage return (then a
   * delimiter or a line feed is all a split looks for: wordLines) and starts on a word boundary;
   * else undefined, and its lines are split byte by byte.
   */
  private wordsOf(chunk: Buffer): Uint32Array | undefined {
    if (!LITTLE_ENDIAN || chunk.byteOffset % 4 !== 0 || this.special[this.plan.delimiter] !== 1 || chunk.indexOf(34) >= 0 || chunk.indexOf(13) >= 0) return undefined;
    return new Uint32Array(chunk.buffer, chunk.byteOffset, chunk.length >> 2);
  }

  /** The row read from its bytes; false when it must take the string route. */
  private fastRow(bytes: Uint8Array): boolean {
    const col = this.plan.columns;
    const line = this.lineBase + this.lines;
    const customer = this.intern(this.customers, bytes, col.customer, CUSTOMER, line);
    if (customer === SLOW || customer === NO_FIELD) return false;
    const dateToken = this.intern(this.dateTokens, bytes, col.date, DATE, line);
    if (dateToken === SLOW || dateToken === NO_FIELD) return false;
    let amount: number;
    if (col.amount !== undefined) {
      amount = this.plainNumber(bytes, col.amount);
    } else if (col.quantity !== undefined && col.unitPrice !== undefined) {
      amount = this.plainNumber(bytes, col.quantity) * this.plainNumber(bytes, col.unitPrice);
    } else {
      return false;
    }
    if (Number.isNaN(amount)) return false;
    const orderHash = this.orderHash(bytes, col.order);
    if (orderHash === SLOW) return false;
    let productLine = this.intern(this.productLines, bytes, col.category, PRODUCT_LINE, line);
    if (productLine === NO_FIELD) productLine = this.intern(this.productLines, bytes, col.sku, PRODUCT_LINE, line);
    if (productLine === SLOW) return false;
    const name = this.intern(this.labels, bytes, col.customerName, LABEL, line);
    if (name === SLOW) return false;
    const rep = this.intern(this.labels, bytes, col.rep, LABEL, line);
    if (rep === SLOW) return false;
    this.rows.rowsRead++;
    this.sink.addInternedLine(customer, dateToken, toCents(amount), orderHash, productLine, name, rep);
    return true;
  }

  /**
   * The number for a field's bytes: NO_FIELD when the field is absent or empty, SLOW when its text
   * has blanks at an edge (the string route trims) or the string route would reject it.
   */
  private intern(interner: ByteInterner, bytes: Uint8Array, column: number | undefined, kind: FieldKind, line: number): number {
    if (column === undefined) return NO_FIELD;
    const start = this.starts[column] as number;
    const end = this.ends[column] as number;
    if (start === end) return NO_FIELD;
    const known = interner.lookup(this.view, start, end);
    if (known !== NOT_SEEN) return known;
    const text = this.text.toString('utf8', start, end);
    const value = text.trim() === text ? this.decide(kind, text, line) : SLOW;
    interner.insert(bytes, start, end, value);
    return value;
  }

  private decide(kind: FieldKind, text: string, line: number): number {
    switch (kind) {
      case CUSTOMER:
        return text.includes('\uFFFD') ? SLOW : this.sink.customerNumber(text);
      case DATE: {
        const token = this.dates.tokenize(text, line);
        return token < 0 ? SLOW : token;
      }
      case PRODUCT_LINE:
        return this.sink.productLineNumber(text);
      case LABEL:
        return this.sink.labelNumber(text);
    }
  }

  /** `-?digits(.digits)?` as Number() reads it (n / 10^k is exact rounding of the same decimal), else NaN. */
  private plainNumber(bytes: Uint8Array, column: number): number {
    const start = this.starts[column] as number;
    const end = this.ends[column] as number;
    let index = start;
    const negative = bytes[index] === 45;
    if (negative) index++;
    if (index === end) return Number.NaN;
    const mark = this.plan.decimalMark;
    let value = 0;
    let digits = 0;
    let fractionDigits = -1;
    for (; index < end; index++) {
      const byte = bytes[index] as number;
      if (byte >= 48 && byte <= 57) {
        value = value * 10 + (byte - 48);
        digits++;
        if (fractionDigits >= 0) fractionDigits++;
      } else if (byte === mark && fractionDigits < 0 && digits > 0) {
        fractionDigits = 0;
      } else {
        return Number.NaN;
      }
    }
    if (fractionDigits === 0 || digits > MAX_EXACT_DIGITS) return Number.NaN;
    if (fractionDigits > 0) value /= POWERS_OF_TEN[fractionDigits] as number;
    return negative && value !== 0 ? -value : value;
  }

  /**
   * The order id's hash, hashOrderId of its text (FNV-1a over the bytes of an ASCII id). An order's lines
   * follow one another in most exports: the same bytes as the row before are its hash again.
   */
  private orderHash(bytes: Uint8Array, column: number | undefined): number {
    if (column === undefined) return NO_ORDER_ID;
    const start = this.starts[column] as number;
    const end = this.ends[column] as number;
    if (start === end) return NO_ORDER_ID;
    const length = end - start;
    if (length === this.lastOrderLength && this.lastOrderBuffer === this.text && sameBytes(this.view, this.lastOrderStart, this.view, start, length)) return this.lastOrderHash;
    if ((bytes[start] as number) <= 32 || (bytes[end - 1] as number) <= 32) return SLOW;
    let hash = 0x811c9dc5;
    let allBytes = 0;
    for (let i = start; i < end; i++) {
      const byte = bytes[i] as number;
      allBytes |= byte;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    if (allBytes >= 128) {
      const text = this.text.toString('utf8', start, end);
      return text.trim() === text ? hashOrderId(text) : SLOW;
    }
    this.lastOrderBuffer = this.text;
    this.lastOrderStart = start;
    this.lastOrderLength = length;
    this.lastOrderHash = hash >>> 0;
    return this.lastOrderHash;
  }

  /** Decode the line and judge it the string route's way. */
  private slowRow(_bytes: Uint8Array, start: number, end: number): void {
    const raw = this.text.toString('utf8', start, end);
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

/** The bytes from `at` to the end (fewer than four) as a little-endian word, zeros above them. */
function paddedWord(bytes: Uint8Array, at: number): number {
  let value = 0;
  for (let shift = 0; at < bytes.length; at++, shift += 8) value |= (bytes[at] as number) << shift;
  return value;
}

function asBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

import { SCAN_KERNEL_WASM } from './scan-kernel-wasm.js';

/** What `lookup` returns for bytes not seen before. */
export const NOT_SEEN = -2147483648;

/** The kernel's dictionaries (scan-kernel.wat keeps one table each). */
export const CUSTOMERS = 0;
export const DATE_TOKENS = 1;
export const PRODUCT_LINES = 2;
export const LABELS = 3;
export type Dictionary = typeof CUSTOMERS | typeof DATE_TOKENS | typeof PRODUCT_LINES | typeof LABELS;
const DICTIONARIES = 4;
/** Bytes of a dictionary's descriptor, and of one of its slots. */
const DESCRIPTOR_BYTES = 16;
const SLOT_BYTES = 16;
const FIRST_SLOTS = 1024;

/** Bytes copied in at a time: a read buffer (1 MB) in one load. */
const INPUT_CAPACITY = 1 << 20;
/** readRow's numbers, after the descriptors: seven i32 and the amount as an f64 at ROW_AT + 32. */
const ROW_AT = DICTIONARIES * DESCRIPTOR_BYTES;
/** The input starts after them. */
const INPUT_AT = ROW_AT + 64;
/**
 * Records per call: the records' memory stays small (~0.6 MB for 8 fields), and a call still
 * covers a 1 MB buffer of typical rows. One more record after them holds a line split byte by byte.
 */
const MAX_LINES_PER_CALL = 8192;
const WASM_PAGE_BYTES = 65536;
/** splitLines reads whole 16-byte blocks, up to 15 bytes past the end it is given. */
const BLOCK_SLACK = 16;

let compiled: WebAssembly.Module | null | undefined;

/** The module, compiled once per thread; null where this Node cannot (no WebAssembly SIMD, --jitless). */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(SCAN_KERNEL_WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** WebAssembly SIMD is to be had: the byte scan needs it. */
export function scanKernelAvailable(): boolean {
  return kernelModule() !== null;
}

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  splitLines(from: number, end: number, records: number, maxLines: number, delimiter: number, fields: number): number;
  init(heapAt: number, slots: number): void;
  heapTop(): number;
  lookup(dictionary: number, start: number, end: number): number;
  insert(dictionary: number, start: number, end: number, value: number): void;
  same(a: number, b: number, length: number): number;
  configure(...columns: number[]): void;
  forgetOrder(): void;
  readRow(record: number): number;
  amount(record: number): number;
  orderHash(record: number): number;
}

/** The columns a row is read from (see OrderColumns). */
interface RowLayout {
  readonly customer: number;
  readonly date: number;
  readonly amount?: number | undefined;
  readonly quantity?: number | undefined;
  readonly unitPrice?: number | undefined;
  readonly order?: number | undefined;
  readonly category?: number | undefined;
  readonly sku?: number | undefined;
  readonly customerName?: number | undefined;
  readonly rep?: number | undefined;
}

/**
 * The byte scan's WebAssembly (scan-kernel.wat): bytes are read or copied into its memory (from
 * `inputAt`, `prepare`d for), its lines split into records of field positions (`split`), fields
 * looked up in dictionaries from bytes to numbers that live there too, so they last from one load
 * (and one part of a file) to the next, and a row whose keys are all known read whole
 * (`readRow`). A record has `stride` numbers, record r at r * stride of `records`:
 *
 *   [line end, what it holds, start 0, end 0, start 1, end 1, ...]
 *
 * positions in `bytes` (the whole memory); what a line holds is its delimiters, 0x20000000 when it
 * ends in a carriage return, and 0x40000000 when it holds a quote or another carriage return. A
 * field past the last one found reads 0, 0; with more delimiters than fields - 1 the fields are
 * not all written and the line is the caller's to read.
 */
export class ScanKernel {
  /** Numbers per record. */
  readonly stride: number;
  /** Where in `records` the record of a line split byte by byte (not by `split`) goes. */
  readonly lineRecordBase: number;
  /** Where a load's bytes start, and the most one takes. */
  readonly inputAt = INPUT_AT;
  readonly capacity = INPUT_CAPACITY;
  /** The memory as bytes, as text for decoding and as words; the records. Remade when the memory grows, which only `prepare` does. */
  bytes!: Uint8Array;
  text!: Buffer;
  records!: Int32Array;
  /**
   * The numbers of the row readRow last read: customer, date token, product line, name, rep (-1:
   * none), the order id's hash as an i32, 1 if there is an order id; and its amount.
   */
  row!: Int32Array;
  rowAmount!: Float64Array;
  private words!: Int32Array;
  private readonly kernel: KernelExports;
  private readonly recordsAt: number;

  private constructor(
    instance: WebAssembly.Instance,
    private readonly fields: number,
  ) {
    this.kernel = instance.exports as unknown as KernelExports;
    this.stride = 2 + 2 * fields;
    this.lineRecordBase = MAX_LINES_PER_CALL * this.stride;
    this.recordsAt = Math.ceil((INPUT_AT + INPUT_CAPACITY + BLOCK_SLACK) / 8) * 8;
    const heapAt = Math.ceil((this.recordsAt + (this.lineRecordBase + this.stride) * 4) / 16) * 16;
    this.growTo(heapAt + DICTIONARIES * FIRST_SLOTS * SLOT_BYTES + 64);
    this.kernel.init(heapAt, FIRST_SLOTS);
  }

  /** A kernel for lines of up to `fields` fields; undefined where WebAssembly SIMD is not to be had. */
  static create(fields: number): ScanKernel | undefined {
    const module = kernelModule();
    return module === null ? undefined : new ScanKernel(new WebAssembly.Instance(module, {}), fields);
  }

  /**
   * Make the memory big enough for all that inserting the fields of `length` bytes of input could
   * take, so the views (remade here if it grows) stay valid until the next call: the keys are
   * distinct fields, so they take at most `length` bytes; a dictionary takes at most one key a
   * line (a line with a key is 2 bytes or more), and doubles its slots once over three quarters full.
   */
  prepare(length: number): void {
    const keys = Math.floor(length / 2) + 2;
    // Keys are compared eight bytes at a time: the last one's may be read up to 7 bytes past its end.
    let needed = this.kernel.heapTop() + length + 8;
    for (let dictionary = 0; dictionary < DICTIONARIES; dictionary++) {
      const descriptor = (dictionary * DESCRIPTOR_BYTES) / 4;
      let slots = (this.words[descriptor + 1] as number) + 1;
      const count = (this.words[descriptor + 2] as number) + keys;
      while (count * 4 > slots * 3) {
        slots *= 2;
        needed += slots * SLOT_BYTES + 16;
      }
    }
    if (needed > this.bytes.length) this.growTo(needed);
  }

  /**
   * Records for the complete lines of the input's bytes from `from` to `end`, at most
   * MAX_LINES_PER_CALL of them: call again from the last line end + 1 while it returns that many.
   */
  split(from: number, end: number, delimiter: number): number {
    return this.kernel.splitLines(from, end, this.recordsAt, MAX_LINES_PER_CALL, delimiter, this.fields);
  }

  /** The number for bytes [start, end) of the memory in a dictionary, or NOT_SEEN. */
  lookup(dictionary: Dictionary, start: number, end: number): number {
    return this.kernel.lookup(dictionary, start, end);
  }

  /** Remember a number for bytes [start, end) that `lookup` has not seen. */
  insert(dictionary: Dictionary, start: number, end: number, value: number): void {
    this.kernel.insert(dictionary, start, end, value);
  }

  /** The columns readRow reads, and the decimal mark as a byte. */
  configure(columns: RowLayout, decimalMark: number): void {
    const column = (index: number | undefined): number => index ?? -1;
    this.kernel.configure(
      columns.customer,
      columns.date,
      column(columns.amount),
      column(columns.quantity),
      column(columns.unitPrice),
      column(columns.order),
      column(columns.category),
      column(columns.sku),
      column(columns.customerName),
      column(columns.rep),
      decimalMark,
    );
  }

  /** The record at `base` of `records` read as a row with every key known (see scan-kernel.wat): true with its numbers in `row`, else false. */
  readRow(base: number): boolean {
    return this.kernel.readRow(this.recordsAt + base * 4) !== 0;
  }

  /** The record at `base`'s amount: plain, or quantity times unit price; NaN when it is not plain or has no such columns. */
  amount(base: number): number {
    return this.kernel.amount(this.recordsAt + base * 4);
  }

  /**
   * The record at `base`'s order id hashed into `row` (its hash at 5, 1 at 6 for an id): 0, or 1
   * for an id with a blank at an edge, 2 for one past ASCII (hash its text).
   */
  orderHash(base: number): number {
    return this.kernel.orderHash(this.recordsAt + base * 4);
  }

  /** The bytes under the last order id hashed have moved. */
  forgetOrder(): void {
    this.kernel.forgetOrder();
  }

  /** The `length` bytes of the memory at a and at b are the same. */
  same(a: number, b: number, length: number): boolean {
    return this.kernel.same(a, b, length) !== 0;
  }

  private growTo(bytes: number): void {
    const { memory } = this.kernel;
    const pages = Math.ceil(bytes / WASM_PAGE_BYTES) - memory.buffer.byteLength / WASM_PAGE_BYTES;
    if (pages > 0) memory.grow(pages);
    const buffer = memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.text = Buffer.from(buffer);
    this.words = new Int32Array(buffer);
    this.records = new Int32Array(buffer, this.recordsAt, this.lineRecordBase + this.stride);
    this.row = new Int32Array(buffer, ROW_AT, 7);
    this.rowAmount = new Float64Array(buffer, ROW_AT + 32, 1);
  }

  /** Records per call at most (see `split`). */
  static readonly maxLinesPerCall = MAX_LINES_PER_CALL;
}

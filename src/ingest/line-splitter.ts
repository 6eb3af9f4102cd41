import { LINE_SPLITTER_WASM } from './line-splitter-wasm.js';

/** Records per call: the records' memory stays small (~0.6 MB for 8 fields), and a call still covers a 1 MB buffer of typical rows. */
const MAX_LINES_PER_CALL = 8192;
const WASM_PAGE_BYTES = 65536;
/** splitLines reads whole 16-byte blocks, up to 15 bytes past the end it is given. */
const BLOCK_SLACK = 16;

let compiled: WebAssembly.Module | null | undefined;

/** The module, compiled once per thread; null where this Node cannot (no WebAssembly SIMD, --jitless). */
function splitterModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(LINE_SPLITTER_WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

type SplitLines = (from: number, end: number, records: number, maxLines: number, delimiter: number, fields: number) => number;

/**
 * Finds the delimiters and line ends of a buffer's lines in WebAssembly (line-splitter.wat): the
 * buffer is copied into the module's memory, and each complete line comes back as a record of
 * `stride` numbers in `records`, record r at r * stride:
 *
 *   [line end, delimiters, start 0, end 0, start 1, end 1, ...]
 *
 * positions in `bytes` (the copy). A field past the last one found reads 0, 0; with more
 * delimiters than fields - 1 the fields are not all written and the line is the caller's to read.
 */
export class LineSplitter {
  /** Numbers per record. */
  readonly stride: number;
  /** The copied buffer as bytes, as text for decoding and as a DataView for four-byte reads; remade when the memory grows. */
  bytes!: Uint8Array;
  text!: Buffer;
  view!: DataView;
  records!: Int32Array;
  private readonly memory: WebAssembly.Memory;
  private readonly splitLines: SplitLines;
  private capacity = 0;
  private recordsOffset = 0;

  private constructor(
    instance: WebAssembly.Instance,
    private readonly fields: number,
  ) {
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.splitLines = instance.exports.splitLines as SplitLines;
    this.stride = 2 + 2 * fields;
    this.reserve(1 << 16);
  }

  /** A splitter for lines of up to `fields` fields; undefined where WebAssembly SIMD is not to be had. */
  static create(fields: number): LineSplitter | undefined {
    const module = splitterModule();
    return module === null ? undefined : new LineSplitter(new WebAssembly.Instance(module, {}), fields);
  }

  /** Copy `chunk` from `from` on into the memory, as `bytes` from 0; returns its length. */
  load(chunk: Uint8Array, from: number): number {
    const length = chunk.length - from;
    if (length > this.capacity) this.reserve(length);
    this.bytes.set(chunk.subarray(from), 0);
    return length;
  }

  /**
   * Records for the complete lines of the loaded bytes from `from` to `end`, at most
   * MAX_LINES_PER_CALL of them: call again from the last line end + 1 while it returns that many.
   */
  split(from: number, end: number, delimiter: number): number {
    return this.splitLines(from, end, this.recordsOffset, MAX_LINES_PER_CALL, delimiter, this.fields);
  }

  /** Room for `bytes` bytes of input (and the blocks read past them), then the records. */
  private reserve(bytes: number): void {
    const capacity = Math.max(bytes, this.capacity * 2);
    const recordsOffset = Math.ceil((capacity + BLOCK_SLACK) / 8) * 8;
    const needed = recordsOffset + MAX_LINES_PER_CALL * this.stride * 4;
    const pages = Math.ceil(needed / WASM_PAGE_BYTES) - this.memory.buffer.byteLength / WASM_PAGE_BYTES;
    if (pages > 0) this.memory.grow(pages);
    const buffer = this.memory.buffer;
    this.capacity = capacity;
    this.recordsOffset = recordsOffset;
    this.bytes = new Uint8Array(buffer, 0, capacity + BLOCK_SLACK);
    this.text = Buffer.from(buffer, 0, capacity + BLOCK_SLACK);
    this.view = new DataView(buffer, 0, capacity + BLOCK_SLACK);
    this.records = new Int32Array(buffer, recordsOffset, MAX_LINES_PER_CALL * this.stride);
  }

  /** Records per call at most (see `split`). */
  static readonly maxLinesPerCall = MAX_LINES_PER_CALL;
}

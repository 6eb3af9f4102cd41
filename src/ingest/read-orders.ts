import { open, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { openCsvTable, type CsvDialectOptions, type CsvRow, type CsvTable } from './csv-table.js';
import { DateColumn, type DateFormat } from './date-column.js';
import { ORDER_HEADER_ALIASES, type OrderField } from './fields.js';
import { missingFieldError, namesRequiredFields, resolveHeaders, type HeaderMapping } from './header-map.js';
import type { InputSource } from './input-source.js';
import { detectDecimalMark, type DecimalMark } from './money.js';
import type { OrderLine } from './order-line.js';
import { OrderRowReader, type OrderColumns } from './order-row-reader.js';
import type { MergeableOrderSink, SinkFactory } from './order-sink.js';
import { PartEnd } from './part-end.js';
import { scanKernelAvailable } from './scan-kernel.js';
import { bytesToTake, readingRate, sharePolicy, type SharePolicy } from './share-policy.js';
import type { ReadInput } from './read-input.js';
import { RejectLog } from './reject-log.js';
import { PartsReading, type RangeScanJob, type RangeScanResult, type ReadParts } from './scan-order-range.js';
import { ScanThread } from './scan-thread.js';
import { UserError } from './user-error.js';
import { sampleRows, suggestHeader } from './suggest-header.js';

export interface ReadOrdersOptions extends CsvDialectOptions {
  readonly overrides?: Partial<Record<OrderField, string>>;
  readonly dateFormat?: DateFormat | undefined;
  readonly decimalMark?: DecimalMark | undefined;
  /** Threads for the byte route; default: up to 2 for files over PARALLEL_MIN_BYTES, else 1. */
  readonly threads?: number | undefined;
  /** A thread done with its parts takes part of another's rest when it would take at least this many bytes (default SHARE_MIN_BYTES). */
  readonly shareMinBytes?: number | undefined;
  /** How long a thread's work after its last part is taken to be, in ms, when a share is sized (default SHARE_TAIL_MS). */
  readonly shareTailMs?: number | undefined;
  /**
   * Called when the first of the other threads is done, its parts read and its sink in: a core is
   * free from then on, and this thread idle until the other sinks are in, for other work (another
   * file, say).
   * Not called when the rows are read in this thread.
   */
  readonly onFirstPartIn?: (() => void) | undefined;
}

/** What ingest learned about an orders export, besides its lines. */
export interface OrdersInput extends ReadInput {
  readonly mapping: HeaderMapping<OrderField>;
  readonly dates: DateColumn;
  readonly decimalMark: DecimalMark;
  /** ISO code of the first currency mark seen in an amount, if any. */
  readonly currency: string | undefined;
  /** Every currency mark seen in the amounts and the line it was first seen on, in file order. */
  readonly currencies: ReadonlyArray<{ readonly code: string; readonly firstLine: number }>;
  /**
   * The parts the byte route read the rows in: one per thread, and one more each time a thread
   * took on part of another's rest. Absent when the rows were read the string route.
   */
  readonly parts?: number;
}

/**
 * At least this share of rows with more fields than the header is a broken export, not a few bad
 * rows; and at least this many, so one row with a stray delimiter in a file of a dozen is skipped
 * like any other bad row.
 */
const RAGGED_EXPORT_SHARE = 0.05;
const RAGGED_EXPORT_MIN_ROWS = 3;

/**
 * A few rows with extra fields are skipped like any bad row; many mean the columns cannot be
 * trusted (the wrong delimiter, unquoted delimiters inside values, a changed export): stop.
 */
function failOnRaggedExport(file: string, rowsRead: number, rejects: RejectLog): void {
  const ragged = rejects.byReason.extra_fields ?? 0;
  if (ragged < RAGGED_EXPORT_MIN_ROWS || ragged < RAGGED_EXPORT_SHARE * rowsRead) return;
  const first = rejects.sortedFirst().find((reject) => reject.reason === 'extra_fields');
  throw new UserError('ragged_rows', `${ragged} of ${rowsRead} rows have more fields than the header`, {
    file,
    ...(first === undefined ? {} : { line: first.line }),
    hint: 'A value holds an unquoted delimiter, or the delimiter is wrong (--delimiter), or the export changed',
  });
}

/** Rows looked at to suggest the column for a missing field. */
const MISSING_FIELD_SAMPLE_ROWS = 50;

/** Rows held back to decide the decimal mark before any amount is read. */
const SNIFF_ROWS = 2000;

/** Where usable lines go: a callback (one object per line), or a sink the byte reader can fill in parallel. */
export type OrdersTarget = ((line: OrderLine) => void) | SinkFactoryTarget;

export interface SinkFactoryTarget {
  readonly sink: MergeableOrderSink;
  readonly factory: SinkFactory;
}

/**
 * Stream an orders export into its target, one line per usable row; bad rows go to the reject log.
 * A UTF-8 file on disk read into a sink takes the byte route (readOrdersByBytes), in parallel
 * when large; every other input, and any file the byte route cannot read with certainty, is read
 * the string route: decoded, split (csv-records) and judged row by row. Both give the same answer.
 */
export async function readOrders(source: InputSource, options: ReadOrdersOptions, target: OrdersTarget): Promise<OrdersInput> {
  if (typeof target !== 'function' && options.parser !== 'csv-parse' && source.path !== undefined) {
    const viaBytes = await readOrdersByBytes(source, source.path, options, target);
    if (viaBytes !== undefined) return viaBytes;
  }
  return readOrdersByString(source, options, typeof target === 'function' ? target : (line) => target.sink.addOrderLine(line));
}

interface OpenedOrders {
  readonly table: CsvTable;
  readonly mapping: HeaderMapping<OrderField>;
  readonly columns: OrderColumns;
}

/** Sniff the dialect, read the header and map the columns; fails on a missing required field. */
async function openOrders(source: InputSource, options: ReadOrdersOptions): Promise<OpenedOrders> {
  const table = await openCsvTable(source, { ...options, isHeader: (cells) => namesRequiredFields(cells, ORDER_HEADER_ALIASES, options.overrides ?? {}, ['customer', 'date']) });
  const { file, headers } = table;
  const mapping = resolveHeaders({
    file,
    headers,
    aliases: ORDER_HEADER_ALIASES,
    overrides: options.overrides ?? {},
    mapFlag: '--map',
  });
  const found = mapping.columnOf;
  const missing =
    found.customer === undefined ? 'customer'
    : found.date === undefined ? 'date'
    : found.amount === undefined && (found.quantity === undefined || found.unitPrice === undefined) ? 'amount'
    : undefined;
  if (missing !== undefined) {
    const sample = await sampleRows(table.rows, MISSING_FIELD_SAMPLE_ROWS);
    throw missingFieldError(file, missing, headers, '--map', suggestHeader(mapping, missing, sample), table.delimiter);
  }
  // Both required columns exist past this point.
  return { table, mapping, columns: found as OrderColumns };
}

function moneyColumns(columns: OrderColumns): number[] {
  return [columns.amount, columns.unitPrice, columns.quantity].filter((c): c is number => c !== undefined);
}

/** The decimal mark from the first SNIFF_ROWS rows' money fields. */
function sniffDecimalMark(held: readonly CsvRow[], columns: OrderColumns): DecimalMark {
  const money = moneyColumns(columns);
  return detectDecimalMark(held.flatMap((row) => money.map((c) => row.fields[c] ?? ''))) ?? '.';
}

function ordersInput(opened: OpenedOrders, reader: OrderRowReader, dates: DateColumn, decimalMark: DecimalMark): OrdersInput {
  const { table, mapping } = opened;
  failOnRaggedExport(table.file, reader.rowsRead, reader.rejects);
  return {
    file: table.file,
    encoding: table.encoding,
    delimiter: table.delimiter,
    mapping,
    dates,
    decimalMark,
    currency: reader.currencies.keys().next().value,
    currencies: [...reader.currencies].map(([code, firstLine]) => ({ code, firstLine })),
    rowsRead: reader.rowsRead,
    rejects: reader.rejects,
    preambleRows: table.preambleRows,
  };
}

/** The string route: decode, split into fields, judge each row. */
async function readOrdersByString(source: InputSource, options: ReadOrdersOptions, onLine: (line: OrderLine) => void): Promise<OrdersInput> {
  const opened = await openOrders(source, options);
  const { table, columns } = opened;
  const dates = new DateColumn(table.file, table.headers[columns.date] ?? 'date', options.dateFormat);
  let decimalMark: DecimalMark = options.decimalMark ?? '.';
  let reader = new OrderRowReader({ file: table.file, headers: table.headers, columns, decimalMark }, dates, new RejectLog(), onLine);
  const held: CsvRow[] = [];
  let sniffing = options.decimalMark === undefined;
  const settleDecimalMark = () => {
    decimalMark = sniffDecimalMark(held, columns);
    reader = new OrderRowReader({ file: table.file, headers: table.headers, columns, decimalMark }, dates, reader.rejects, onLine);
    sniffing = false;
    for (const row of held) reader.consume(row.line, row.fields);
    held.length = 0;
  };
  for await (const batch of table.rows) {
    for (const row of batch) {
      if (!sniffing) {
        reader.consume(row.line, row.fields);
        continue;
      }
      held.push(row);
      if (held.length >= SNIFF_ROWS) settleDecimalMark();
    }
  }
  if (sniffing) settleDecimalMark();
  return ordersInput(opened, reader, dates, decimalMark);
}

/** Files above this many bytes of rows are split between threads: below it a thread costs more than it saves. */
const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/**
 * The byte route: after the head is sniffed as usual, the rows are read straight from the file's
 * bytes (OrderByteScanner), in one part per thread, each into its own sink, and merged in file
 * order: line numbers, first rejects, date texts and currency come out as one reading would give.
 * Undefined when the file does not suit it (not UTF-8, aligned text, no header) or a part met a
 * line only csv-parse may read: the caller then reads it the string route.
 */
async function readOrdersByBytes(source: InputSource, path: string, options: ReadOrdersOptions, target: SinkFactoryTarget): Promise<OrdersInput | undefined> {
  // Threads for a file that looks big enough start now, while its head is sniffed (a file the byte
  // route then turns down, not UTF-8 say, has cost them their start-up on the other core).
  const expectedThreads = threadCount(options, source.size ?? 0);
  const early = expectedThreads > 1 ? Array.from({ length: expectedThreads }, () => new ScanThread(target.factory)) : [];
  try {
    return await readOrdersByBytesWith(early, source, path, options, target);
  } finally {
    for (const thread of early) thread.stop();
  }
}

/** The threads to read rows of this many bytes with. */
function threadCount(options: ReadOrdersOptions, rowBytes: number): number {
  return options.threads ?? (rowBytes >= PARALLEL_MIN_BYTES ? defaultThreads() : 1);
}

async function readOrdersByBytesWith(
  early: readonly ScanThread[],
  source: InputSource,
  path: string,
  options: ReadOrdersOptions,
  target: SinkFactoryTarget,
): Promise<OrdersInput | undefined> {
  const opened = await openOrders(source, options);
  const { table, columns } = opened;
  const delimiterByte = table.delimiter === 'whitespace' ? -1 : table.delimiter.charCodeAt(0);
  // Without WebAssembly SIMD (node --jitless) the string route reads every row: slower, the same answers.
  if (table.encoding !== 'utf-8' || delimiterByte < 0 || options.noHeader || table.headerLine < 1 || !scanKernelAvailable()) return closeRows(table);
  let decimalMark = options.decimalMark;
  if (decimalMark === undefined) {
    const held: CsvRow[] = [];
    for await (const batch of table.rows) {
      held.push(...batch);
      if (held.length >= SNIFF_ROWS) break;
    }
    decimalMark = sniffDecimalMark(held.slice(0, SNIFF_ROWS), columns);
  } else {
    await closeRows(table);
  }
  const layout = await fileLayout(path, table.headerLine);
  if (layout === undefined) return undefined;
  const context = { file: table.file, headers: table.headers, columns, decimalMark };
  const job = {
    path,
    plan: { headerCount: table.headers.length, columns, delimiter: delimiterByte, crlf: layout.crlf, decimalMark: decimalMark.charCodeAt(0) },
    context,
    dateHeader: table.headers[columns.date] ?? 'date',
    dateFormat: options.dateFormat,
  };
  const size = source.size ?? layout.dataStart;
  const threads = threadCount(options, size - layout.dataStart);
  const read =
    threads > 1
      ? await scanSharingParts(job, layout.dataStart, size, threads, early, target.factory, sharePolicy(options), options.onFirstPartIn)
      : await scanInThisThread({ ...job, start: layout.dataStart, end: size }, target.factory);
  if (read === undefined) return undefined;

  const dates = new DateColumn(table.file, job.dateHeader, options.dateFormat);
  const reader = new OrderRowReader(context, dates, new RejectLog(), () => {});
  // Each part's lines, rejects and first currency in file order, its lines counted on from the part before.
  const lineBaseOf = new Map<number, number>();
  let lineBase = table.headerLine;
  for (const { start, result } of [...read.parts].sort((a, b) => a.start - b.start)) {
    lineBaseOf.set(start, lineBase);
    reader.rejects.absorb(result.rejects, lineBase);
    reader.rowsRead += result.rowsRead;
    for (const [code, line] of result.currencies) if (!reader.currencies.has(code)) reader.currencies.set(code, line + lineBase);
    lineBase += result.lines;
  }
  const tokenOf = joinDateTexts(dates, read.sinks, lineBaseOf);
  read.sinks.forEach((sink, index) => target.sink.absorb(sink.state, tokenOf[index] as Int32Array));
  return { ...ordersInput(opened, reader, dates, decimalMark), parts: read.parts.length };
}

/** What the threads read: each part's result, and each thread's sink with the date texts it saw. */
interface ThreadsRead {
  readonly parts: ReadonlyArray<{ readonly start: number; readonly result: RangeScanResult }>;
  readonly sinks: readonly ReadParts[];
}

/**
 * Every thread's date texts into the book's column in the order one reading of the file would
 * have met them (by the file line each was first seen on), so its tokens, and the text an error
 * names first, do not depend on which thread read what; returns each thread's token -> book token.
 */
function joinDateTexts(dates: DateColumn, sinks: readonly ReadParts[], lineBaseOf: ReadonlyMap<number, number>): Int32Array[] {
  const seen = sinks.flatMap((sink, index) => {
    let part = 0;
    return sink.dateEntries.map((entry, token) => {
      while (token >= (sink.parts[part]?.tokenEnd ?? Infinity)) part++;
      const partStart = sink.parts[part]?.start ?? 0;
      return { index, token, entry: { ...entry, firstLine: entry.firstLine + (lineBaseOf.get(partStart) ?? 0) } };
    });
  });
  seen.sort((a, b) => a.entry.firstLine - b.entry.firstLine);
  const bookToken = dates.absorb(seen.map(({ entry }) => entry), 0);
  const tokenOf = sinks.map((sink) => new Int32Array(sink.dateEntries.length));
  seen.forEach(({ index, token }, at) => {
    (tokenOf[index] as Int32Array)[token] = bookToken[at] as number;
  });
  return tokenOf;
}

/** Read the whole file in this thread. */
async function scanInThisThread(job: RangeScanJob, factory: SinkFactory): Promise<ThreadsRead | undefined> {
  const reading = new PartsReading(factory.create(), job);
  const result = await reading.read(job);
  return result.bailed ? undefined : { parts: [{ start: job.start, result }], sinks: [reading.finish()] };
}

/** A part being read, and since when (performance.now()): how fast its thread reads. */
interface PartInProgress {
  readonly partEnd: PartEnd;
  readonly start: number;
  readonly since: number;
}

type PartJob = Omit<RangeScanJob, 'start' | 'end' | 'partEnd'>;

/**
 * Read the file in one part per thread; a thread done with its part takes the far end of what is
 * left of the part with most left (cut at a line start, PartEnd; see SharePolicy), and so on, so a
 * thread slowed by other work on its core does not hold the read up (on this project's 2-core
 * machine the two halves were seen to end up to a second apart, either one last). Each thread
 * reads its parts into one sink, exported once it finds nothing left to take. One part that fails
 * or meets a line only csv-parse may read stops the sharing, and the whole file goes the string
 * route (undefined).
 */
async function scanSharingParts(
  job: PartJob,
  start: number,
  size: number,
  threads: number,
  early: readonly ScanThread[],
  factory: SinkFactory,
  share: SharePolicy,
  onFirstPartIn: (() => void) | undefined,
): Promise<ThreadsRead | undefined> {
  const ranges = await splitAtLines(job.path, start, size, threads);
  const pool = ranges.map((_, index) => early[index] ?? new ScanThread(factory));
  const reading = new Set<PartInProgress>();
  const parts: Array<{ start: number; result: RangeScanResult }> = [];
  const sinks: Array<{ first: number; sink: ReadParts }> = [];
  let failed = false;
  const readParts = async (thread: ScanThread, first: [number, number]): Promise<void> => {
    for (let range: [number, number] | undefined = first; range !== undefined && !failed; ) {
      const part = { partEnd: new PartEnd({ start: range[0], end: range[1] }), start: range[0], since: performance.now() };
      reading.add(part);
      const result = await thread.read({ ...job, start: range[0], end: range[1], partEnd: part.partEnd.shared });
      reading.delete(part);
      if (result === undefined || result.bailed) failed = true;
      else parts.push({ start: range[0], result });
      const ownRate = readingRate(part, part.partEnd.end, performance.now());
      range = failed ? undefined : await takeFarShare(job.path, reading, share, ownRate);
    }
    if (failed) return;
    const sink = await thread.finish();
    if (sink === undefined) {
      failed = true;
      return;
    }
    sinks.push({ first: first[0], sink });
    if (sinks.length === 1) onFirstPartIn?.();
  };
  try {
    await Promise.all(pool.map((thread, index) => readParts(thread, ranges[index] as [number, number])));
  } finally {
    for (const thread of pool) thread.stop();
  }
  if (failed) return undefined;
  return { parts, sinks: sinks.sort((a, b) => a.first - b.first).map(({ sink }) => sink) };
}

/**
 * The far end of the rest of the part with most left to read, cut off at a line start, sized by
 * bytesToTake for the caller reading at `ownRate`; undefined when there is none worth taking.
 */
async function takeFarShare(path: string, reading: ReadonlySet<PartInProgress>, share: SharePolicy, ownRate: number | undefined): Promise<[number, number] | undefined> {
  let fullest: PartInProgress | undefined;
  let most = 0;
  for (const part of reading) {
    const left = part.partEnd.remaining;
    if (left > most) {
      most = left;
      fullest = part;
    }
  }
  if (fullest === undefined) return undefined;
  const committed = fullest.partEnd.committed;
  const taken = bytesToTake(most, ownRate, readingRate(fullest, committed, performance.now()), share);
  if (taken === 0) return undefined;
  const handle = await open(path, 'r');
  try {
    const cut = await lineStartFrom(handle, committed + (most - taken), fullest.partEnd.end);
    const end = cut === undefined ? undefined : fullest.partEnd.cutAt(cut);
    return cut === undefined || end === undefined ? undefined : [cut, end];
  } finally {
    await handle.close();
  }
}

/** Two threads keep the read at the speed of a second core; more would fight the rest of the machine for it. */
function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}

/** Stop reading the sniffing stream early. */
async function closeRows(table: CsvTable): Promise<undefined> {
  await (table.rows as AsyncGenerator<unknown>).return?.(undefined);
  return undefined;
}

/** Where the rows start (after the header's line end) and whether lines end in CR LF. */
async function fileLayout(path: string, headerLine: number): Promise<{ dataStart: number; crlf: boolean } | undefined> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(1 << 20);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    let position = -1;
    for (let line = 0; line < headerLine; line++) {
      position = head.indexOf(10, position + 1);
      if (position < 0 || position >= bytesRead) return undefined;
    }
    const firstLineEnd = head.indexOf(10);
    return { dataStart: position + 1, crlf: firstLineEnd > 0 && head[firstLineEnd - 1] === 13 };
  } finally {
    await handle.close();
  }
}

/** Cut [start, size) into `parts` byte ranges, each ending just after a line end. */
async function splitAtLines(path: string, start: number, size: number, parts: number): Promise<Array<[number, number]>> {
  if (parts <= 1) return [[start, size]];
  const handle = await open(path, 'r');
  try {
    const cuts = [start];
    for (let part = 1; part < parts; part++) {
      const from = Math.max(cuts[cuts.length - 1] as number, start + Math.floor(((size - start) * part) / parts));
      cuts.push((await lineStartFrom(handle, from, size)) ?? size);
    }
    cuts.push(size);
    return cuts.slice(1).map((end, index) => [cuts[index] as number, end]);
  } finally {
    await handle.close();
  }
}

/** The first line start after `from` (just past a line end) and before `before`; undefined when there is none. */
async function lineStartFrom(handle: FileHandle, from: number, before: number): Promise<number | undefined> {
  const probe = Buffer.alloc(1 << 16);
  for (let at = from; at < before; ) {
    const { bytesRead } = await handle.read(probe, 0, Math.min(probe.length, before - at), at);
    if (bytesRead === 0) return undefined;
    const newline = probe.subarray(0, bytesRead).indexOf(10);
    if (newline >= 0) return at + newline + 1 < before ? at + newline + 1 : undefined;
    at += bytesRead;
  }
  return undefined;
}

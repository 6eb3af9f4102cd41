import { open } from 'node:fs/promises';
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
import type { ReadInput } from './read-input.js';
import { RejectLog } from './reject-log.js';
import { scanOrderRange, type RangeScanJob } from './scan-order-range.js';
import { ScanThread, type ScannedPart } from './scan-thread.js';
import { UserError } from './user-error.js';
import { sampleRows, suggestHeader } from './suggest-header.js';

export interface ReadOrdersOptions extends CsvDialectOptions {
  readonly overrides?: Partial<Record<OrderField, string>>;
  readonly dateFormat?: DateFormat | undefined;
  readonly decimalMark?: DecimalMark | undefined;
  /** Threads for the byte route; default: up to 2 for files over PARALLEL_MIN_BYTES, else 1. */
  readonly threads?: number | undefined;
}

/** What ingest learned about an orders export, besides its lines. */
export interface OrdersInput extends ReadInput {
  readonly mapping: HeaderMapping<OrderField>;
  readonly dates: DateColumn;
  readonly decimalMark: DecimalMark;
  /** ISO code of the first currency mark seen in an amount, if any. */
  readonly currency: string | undefined;
}

/** At least this share of rows with more fields than the header is a broken export, not a few bad rows. */
const RAGGED_EXPORT_SHARE = 0.05;

/**
 * A few rows with extra fields are skipped like any bad row; many mean the columns cannot be
 * trusted (the wrong delimiter, unquoted delimiters inside values, a changed export): stop.
 */
function failOnRaggedExport(file: string, rowsRead: number, rejects: RejectLog): void {
  const ragged = rejects.byReason.extra_fields ?? 0;
  if (ragged === 0 || ragged < RAGGED_EXPORT_SHARE * rowsRead) return;
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
    throw missingFieldError(file, missing, headers, '--map', suggestHeader(mapping, missing, sample));
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
    currency: reader.currency,
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
  if (table.encoding !== 'utf-8' || delimiterByte < 0 || options.noHeader || table.headerLine < 1) return closeRows(table);
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
  const ranges = await splitAtLines(path, layout.dataStart, size, threads);
  const scans = ranges.map(([start, end], index) => scanPart({ ...job, start, end }, target.factory, threads > 1 ? (early[index] ?? new ScanThread(target.factory)) : undefined));
  const parts = await Promise.all(scans);
  if (parts.some((part) => part === undefined || part.result.bailed)) return undefined;

  const dates = new DateColumn(table.file, job.dateHeader, options.dateFormat);
  const reader = new OrderRowReader(context, dates, new RejectLog(), () => {});
  let lineBase = table.headerLine;
  for (const part of parts as ScannedPart[]) {
    const { result, state } = part;
    const tokenOf = dates.absorb(result.dateEntries, lineBase);
    target.sink.absorb(state, tokenOf);
    reader.rejects.absorb(result.rejects, lineBase);
    reader.rowsRead += result.rowsRead;
    // The first currency in file order: the first part's, if it saw one.
    reader.currency ??= result.currency;
    lineBase += result.lines;
  }
  return ordersInput(opened, reader, dates, decimalMark);
}

/** Read one part in this thread, or in a worker thread when given one. */
async function scanPart(job: RangeScanJob, factory: SinkFactory, thread: ScanThread | undefined): Promise<ScannedPart | undefined> {
  if (thread !== undefined) return thread.scan(job);
  const sink = factory.create();
  const result = await scanOrderRange(job, sink);
  return { result, state: result.bailed ? undefined : sink.exportState() };
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
    const probe = Buffer.alloc(1 << 16);
    for (let part = 1; part < parts; part++) {
      let at = Math.max(cuts[cuts.length - 1] as number, start + Math.floor(((size - start) * part) / parts));
      for (;;) {
        const { bytesRead } = await handle.read(probe, 0, probe.length, at);
        if (bytesRead === 0) {
          at = size;
          break;
        }
        const newline = probe.subarray(0, bytesRead).indexOf(10);
        if (newline >= 0) {
          at += newline + 1;
          break;
        }
        at += bytesRead;
      }
      cuts.push(at);
    }
    cuts.push(size);
    return cuts.slice(1).map((end, index) => [cuts[index] as number, end]);
  } finally {
    await handle.close();
  }
}

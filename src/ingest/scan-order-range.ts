import { open } from 'node:fs/promises';
import { DateColumn, type DateEntry, type DateFormat } from './date-column.js';
import { OrderRowReader, type OrderRowContext } from './order-row-reader.js';
import type { MergeableOrderSink } from './order-sink.js';
import { RejectLog } from './reject-log.js';
import { PartEnd } from './part-end.js';
import { OrderByteScanner, ScanDictionaries, type ByteScanPlan } from './scan-order-bytes.js';

/** One part of an orders file to read, in any thread: everything is plain data. */
export interface RangeScanJob {
  readonly path: string;
  /** Byte offsets: the part starts a line and ends after a line end (or at the end of the file). */
  readonly start: number;
  readonly end: number;
  readonly plan: ByteScanPlan;
  readonly context: OrderRowContext;
  readonly dateHeader: string;
  readonly dateFormat: DateFormat | undefined;
  /** A PartEnd's memory when the part may be cut short while it is read (the rest then read elsewhere). */
  readonly partEnd?: SharedArrayBuffer | undefined;
}

/** What reading a part found, with lines counted from the part's start (its first line is 1). */
export interface RangeScanResult {
  readonly bailed: boolean;
  readonly lines: number;
  readonly rowsRead: number;
  readonly rejects: Pick<RejectLog, 'count' | 'byReason' | 'first'>;
  /** Each currency mark seen and the line of the part it was first seen on, in file order. */
  readonly currencies: ReadonlyArray<readonly [string, number]>;
}

/**
 * The parts one thread read, as one sink's state: its date texts in token order, each with the
 * line it was first seen on counted from the start of the part it was seen in (see `parts`).
 */
export interface ReadParts<State = unknown> {
  readonly state: State;
  readonly dateEntries: readonly DateEntry[];
  /** The parts in the order read: the date tokens first seen in part i are those below its tokenEnd and not below the last part's. */
  readonly parts: ReadonlyArray<{ readonly start: number; readonly tokenEnd: number }>;
}

/**
 * No export row is shorter than this (a customer, a date and an amount, delimited): the part's
 * bytes over it bound its rows from above.
 */
const MIN_ROW_BYTES = 24;

/**
 * What one thread reads its parts of an orders file into, kept from part to part: one sink, one
 * date column and the scanner's dictionaries. A thread that takes on part of another's rest reads
 * it into what it has, so taking it costs no export and no new dictionaries: only the lines and
 * rejects are counted per part, as their file line numbers are known only once every part before
 * them is read.
 */
export class PartsReading<State = unknown> {
  private readonly dates: DateColumn;
  private readonly dictionaries = new ScanDictionaries();
  private readonly parts: Array<{ start: number; tokenEnd: number }> = [];

  constructor(
    private readonly sink: MergeableOrderSink<State>,
    job: Pick<RangeScanJob, 'context' | 'dateHeader' | 'dateFormat'>,
  ) {
    this.dates = new DateColumn(job.context.file, job.dateHeader, job.dateFormat);
  }

  /** Read one part with the byte scanner. */
  async read(job: RangeScanJob): Promise<RangeScanResult> {
    const { sink, dates } = this;
    if (this.parts.length === 0) sink.reserve?.(Math.ceil((job.end - job.start) / MIN_ROW_BYTES));
    else sink.startPart?.();
    const rejects = new RejectLog();
    const rows = new OrderRowReader(job.context, dates, rejects, (line) => sink.addOrderLine(line));
    const scanner = new OrderByteScanner(job.plan, sink, dates, rows, 0, this.dictionaries);
    if (job.end > job.start) {
      const partEnd = job.partEnd === undefined ? undefined : new PartEnd(job.partEnd);
      // Read straight into the scanner's input (the kernel's memory): no buffer a read, no copy.
      const handle = await open(job.path, 'r');
      try {
        for (let offset = job.start; offset < job.end && !scanner.bailed; ) {
          const room = scanner.room();
          const { bytesRead } = await handle.read(room.bytes, room.at, Math.min(room.length, job.end - offset), offset);
          if (bytesRead === 0) break;
          // A part cut short ends at a line start: the bytes are read up to it, and no further.
          const readTo = partEnd === undefined ? offset + bytesRead : partEnd.commit(offset + bytesRead);
          if (readTo > offset) scanner.consume(readTo - offset);
          offset += bytesRead;
          if (readTo < offset) break;
        }
      } finally {
        await handle.close();
      }
    }
    scanner.end();
    this.parts.push({ start: job.start, tokenEnd: dates.distinctCount });
    return {
      bailed: scanner.bailed,
      lines: scanner.lines,
      rowsRead: rows.rowsRead,
      rejects: { count: rejects.count, byReason: rejects.byReason, first: rejects.first },
      currencies: [...rows.currencies],
    };
  }

  /** The sink's state and the date texts of every part read: the reading's last act. */
  finish(freeGivenUp?: () => void): ReadParts<State> {
    return { state: this.sink.exportState(freeGivenUp), dateEntries: this.dates.exportEntries(), parts: this.parts };
  }
}

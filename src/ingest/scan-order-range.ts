import { createReadStream } from 'node:fs';
import { DateColumn, type DateEntry, type DateFormat } from './date-column.js';
import { OrderRowReader, type OrderRowContext } from './order-row-reader.js';
import type { MergeableOrderSink } from './order-sink.js';
import { RejectLog } from './reject-log.js';
import { PartEnd } from './part-end.js';
import { OrderByteScanner, type ByteScanPlan } from './scan-order-bytes.js';

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
  readonly currency: string | undefined;
  readonly dateEntries: readonly DateEntry[];
}

/**
 * No export row is shorter than this (a customer, a date and an amount, delimited): the part's
 * bytes over it bound its rows from above.
 */
const MIN_ROW_BYTES = 24;

/** Read one part of an orders file into `sink` with the byte scanner. */
export async function scanOrderRange(job: RangeScanJob, sink: MergeableOrderSink): Promise<RangeScanResult> {
  sink.reserve?.(Math.ceil((job.end - job.start) / MIN_ROW_BYTES));
  const dates = new DateColumn(job.context.file, job.dateHeader, job.dateFormat);
  const rejects = new RejectLog();
  const rows = new OrderRowReader(job.context, dates, rejects, (line) => sink.addOrderLine(line));
  const scanner = new OrderByteScanner(job.plan, sink, dates, rows, 0);
  if (job.end > job.start) {
    const partEnd = job.partEnd === undefined ? undefined : new PartEnd(job.partEnd);
    const stream = createReadStream(job.path, { start: job.start, end: job.end - 1, highWaterMark: 1 << 20 });
    let offset = job.start;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      // A part cut short ends at a line start: the buffer is read up to it, and no further.
      const readTo = partEnd === undefined ? offset + chunk.length : partEnd.commit(offset + chunk.length);
      if (readTo > offset) scanner.feed(readTo < offset + chunk.length ? chunk.subarray(0, readTo - offset) : chunk);
      offset += chunk.length;
      if (scanner.bailed || readTo < offset) {
        stream.destroy();
        break;
      }
    }
  }
  scanner.end();
  return {
    bailed: scanner.bailed,
    lines: scanner.lines,
    rowsRead: rows.rowsRead,
    rejects: { count: rejects.count, byReason: rejects.byReason, first: rejects.first },
    currency: rows.currency,
    dateEntries: dates.exportEntries(),
  };
}

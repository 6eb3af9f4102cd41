import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BookLedger, type LedgerState } from '../../src/history/book-ledger.js';
import { PartEnd } from '../../src/ingest/part-end.js';
import { PartsReading, type RangeScanJob } from '../../src/ingest/scan-order-range.js';
import { netCentsOfEntry } from '../support/ledger-state.js';

const dir = mkdtempSync(join(tmpdir(), 'churn-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'customer_id,order_date,amount\n';
const lines = Array.from({ length: 200 }, (_, i) => `C${i % 7},2025-0${1 + (i % 9)}-1${i % 10},${i % 5 === 0 ? 'n/a' : `${i}.25`}\n`);
const path = join(dir, 'orders.csv');
writeFileSync(path, HEADER + lines.join(''));
const size = Buffer.byteLength(HEADER + lines.join(''));
const columns = { customer: 0, date: 1, amount: 2 };
const job = (start: number, end: number, partEnd?: SharedArrayBuffer): RangeScanJob => ({
  path,
  start,
  end,
  plan: { headerCount: 3, columns, delimiter: 44, crlf: false, decimalMark: 46 },
  context: { file: path, headers: ['customer_id', 'order_date', 'amount'], columns, decimalMark: '.' },
  dateHeader: 'order_date',
  dateFormat: undefined,
  partEnd,
});

/** One part read into a sink of its own. */
const readAlone = (part: RangeScanJob) => new PartsReading(new BookLedger(), part).read(part);

const sumOf = (values: ArrayLike<number>): number => Array.from(values).reduce((sum, value) => sum + value, 0);
const bookNetCents = (state: LedgerState): number => sumOf(Array.from(state.entryRows, (_, entry) => netCentsOfEntry(state, entry)));

describe('PartsReading with a PartEnd', () => {
  it('stops at a cut made before it reads: the cut-off lines are left, whole, for another part', async () => {
    const start = HEADER.length;
    const cut = start + Buffer.byteLength(lines.slice(0, 120).join(''));
    const partEnd = new PartEnd({ start, end: size });
    expect(partEnd.cutAt(cut)).toBe(size);
    const head = await readAlone(job(start, size, partEnd.shared));
    const tail = await readAlone(job(cut, size));
    const whole = await readAlone(job(start, size));
    expect([head.lines, tail.lines]).toEqual([120, 80]);
    // Every fifth row has no amount: 24 of the first 120 rows and 16 of the last 80 are rejected.
    expect([head.rowsRead, head.rejects.count, tail.rowsRead, tail.rejects.count]).toEqual([120, 24, 80, 16]);
    expect(head.rowsRead + tail.rowsRead).toBe(whole.rowsRead);
    expect(head.rejects.first.map((reject) => reject.line).slice(0, 5)).toEqual([1, 6, 11, 16, 21]);
    expect(tail.rejects.first.map((reject) => reject.line).slice(0, 3)).toEqual([1, 6, 11]);
    expect(partEnd.remaining).toBe(0);
  });
});

describe('PartsReading of several parts into one sink', () => {
  it('counts lines and rejects per part, and says which part saw each date text first', async () => {
    const start = HEADER.length;
    const cut = start + Buffer.byteLength(lines.slice(0, 120).join(''));
    // The far part first, as a thread that took half of another's rest after its own would not,
    // so that both parts bring date texts of their own.
    const reading = new PartsReading(new BookLedger(), job(cut, size));
    const tail = await reading.read(job(cut, size));
    const head = await reading.read(job(start, cut));
    const read = reading.finish();
    expect([tail.lines, head.lines]).toEqual([80, 120]);
    expect([tail.rowsRead, tail.rejects.count, head.rowsRead, head.rejects.count]).toEqual([80, 16, 120, 24]);
    expect(head.rejects.first.map((reject) => reject.line).slice(0, 3)).toEqual([1, 6, 11]);
    // Rows 120-199 (i) hold 80 of the 90 dates; the head adds rows 20-29's, first on its lines 21-30.
    expect(read.parts).toEqual([
      { start: cut, tokenEnd: 80 },
      { start, tokenEnd: 90 },
    ]);
    expect(read.dateEntries[0]).toMatchObject({ raw: '2025-04-10', firstLine: 1 });
    expect(read.dateEntries.slice(80).map((entry) => [entry.raw, entry.firstLine])).toEqual(
      Array.from({ length: 10 }, (_, k) => [`2025-0${1 + ((20 + k) % 9)}-1${k}`, 21 + k]),
    );
    // The same rows and cents as the whole file read in one part.
    const whole = new PartsReading(new BookLedger(), job(start, size));
    await whole.read(job(start, size));
    const wholeState = whole.finish().state;
    expect(bookNetCents(read.state)).toBe(bookNetCents(wholeState));
    expect(sumOf(read.state.entryRows)).toBe(160);
    expect(read.state.customerIds.length).toBe(wholeState.customerIds.length);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BookLedger } from '../../src/history/book-ledger.js';
import { PartEnd } from '../../src/ingest/part-end.js';
import { scanOrderRange, type RangeScanJob } from '../../src/ingest/scan-order-range.js';

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

describe('scanOrderRange with a PartEnd', () => {
  it('stops at a cut made before it reads: the cut-off lines are left, whole, for another part', async () => {
    const start = HEADER.length;
    const cut = start + Buffer.byteLength(lines.slice(0, 120).join(''));
    const partEnd = new PartEnd({ start, end: size });
    expect(partEnd.cutAt(cut)).toBe(size);
    const head = await scanOrderRange(job(start, size, partEnd.shared), new BookLedger());
    const tail = await scanOrderRange(job(cut, size), new BookLedger());
    const whole = await scanOrderRange(job(start, size), new BookLedger());
    expect([head.lines, tail.lines]).toEqual([120, 80]);
    // Every fifth row has no amount: 24 of the first 120 rows and 16 of the last 80 are rejected.
    expect([head.rowsRead, head.rejects.count, tail.rowsRead, tail.rejects.count]).toEqual([120, 24, 80, 16]);
    expect(head.rowsRead + tail.rowsRead).toBe(whole.rowsRead);
    expect(head.rejects.first.map((reject) => reject.line).slice(0, 5)).toEqual([1, 6, 11, 16, 21]);
    expect(tail.rejects.first.map((reject) => reject.line).slice(0, 3)).toEqual([1, 6, 11]);
    expect(partEnd.remaining).toBe(0);
  });
});

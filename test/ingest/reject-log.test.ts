import { describe, expect, it } from 'vitest';
import { RejectLog, type RowReject } from '../../src/ingest/reject-log.js';

describe('RejectLog', () => {
  it('starts empty', () => {
    const log = new RejectLog();
    expect(log.count).toBe(0);
    expect(log.byReason).toEqual({});
    expect(log.first).toEqual([]);
    expect(log.sortedFirst()).toEqual([]);
  });

  it('counts by reason', () => {
    const log = new RejectLog();
    log.add({ file: 'a.csv', line: 2, reason: 'bad_date', field: 'date', value: 'x' });
    log.add({ file: 'a.csv', line: 3, reason: 'bad_amount', field: 'amount', value: 'y' });
    log.add({ file: 'a.csv', line: 4, reason: 'bad_date', field: 'date', value: 'z' });
    expect(log.count).toBe(3);
    expect(log.byReason).toEqual({ bad_date: 2, bad_amount: 1 });
  });

  it('keeps only the first 20 whole, but counts them all', () => {
    expect(RejectLog.KEPT).toBe(20);
    const log = new RejectLog();
    for (let line = 2; line < 32; line++) log.add({ file: 'a.csv', line, reason: line % 2 === 0 ? 'missing_customer' : 'missing_date' });
    expect(log.count).toBe(30);
    expect(log.byReason).toEqual({ missing_customer: 15, missing_date: 15 });
    expect(log.first).toHaveLength(20);
    expect(log.first.map((r) => r.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  it('sortedFirst orders by line, then reason, without changing first', () => {
    const log = new RejectLog();
    const added: RowReject[] = [
      { file: 'a.csv', line: 9, reason: 'bad_date' },
      { file: 'a.csv', line: 3, reason: 'missing_date' },
      { file: 'a.csv', line: 3, reason: 'bad_amount' },
      { file: 'a.csv', line: 12, reason: 'extra_fields' },
      { file: 'a.csv', line: 5, reason: 'unknown_customer' },
    ];
    for (const reject of added) log.add(reject);
    expect(log.sortedFirst().map((r) => [r.line, r.reason])).toEqual([
      [3, 'bad_amount'],
      [3, 'missing_date'],
      [5, 'unknown_customer'],
      [9, 'bad_date'],
      [12, 'extra_fields'],
    ]);
    expect(log.first).toEqual(added);
  });

  it('sortedFirst sorts only the kept rejects, not later lower lines', () => {
    const log = new RejectLog();
    for (let line = 100; line < 120; line++) log.add({ file: 'a.csv', line, reason: 'bad_date' });
    log.add({ file: 'a.csv', line: 2, reason: 'bad_date' });
    const sorted = log.sortedFirst();
    expect(sorted).toHaveLength(20);
    expect(sorted[0]?.line).toBe(100);
    expect(sorted[19]?.line).toBe(119);
    expect(log.count).toBe(21);
  });
});

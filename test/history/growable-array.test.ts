import { describe, expect, it } from 'vitest';
import { GrowableInt32 } from '../../src/history/growable-array.js';

describe('GrowableInt32', () => {
  it('grows as written, and reads the fill value past what was written', () => {
    const column = new GrowableInt32(-1);
    column.set(5000, 7);
    expect([column.get(5000), column.get(4999), column.get(99_999)]).toEqual([7, -1, -1]);
  });

  it('reserve keeps what is there, fills the new room, and writes then go in place', () => {
    const column = new GrowableInt32(-1);
    column.set(3, 42);
    column.reserve(100_000);
    expect(column.raw.length).toBe(100_000);
    expect([column.get(3), column.get(4), column.get(99_999)]).toEqual([42, -1, -1]);
    const storage = column.raw;
    column.set(90_000, 1);
    expect(column.raw).toBe(storage);
  });

  it('reserve that cannot be had (no such memory) leaves the column as it was, still growing as written', () => {
    const column = new GrowableInt32();
    column.set(2, 9);
    column.reserve(2 ** 40);
    expect(column.raw.length).toBeLessThan(2 ** 20);
    column.set(100_000, 1);
    expect([column.get(2), column.get(100_000)]).toEqual([9, 1]);
  });

  it('moveTo writes each value to its new place and releases the column', () => {
    const column = new GrowableInt32();
    [10, 20, 30].forEach((value, index) => column.set(index, value));
    expect([...column.moveTo(new Int32Array(3), Int32Array.from([2, 0, 1]), 3)]).toEqual([20, 30, 10]);
    expect(column.raw.length).toBe(0);
  });
});

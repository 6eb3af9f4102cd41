import { describe, expect, it } from 'vitest';
import { holding, INT32, UINT16, UINT8, WideningColumn } from '../../src/history/widening-column.js';

describe('WideningColumn', () => {
  it('keeps the narrowest kind that holds every value, and widens once a value does not fit', () => {
    const column = new WideningColumn(UINT8);
    column.set(0, 200);
    expect(column.raw).toBeInstanceOf(Uint8Array);
    column.set(1, 300);
    expect(column.raw).toBeInstanceOf(Uint16Array);
    column.set(2, -1);
    expect(column.raw).toBeInstanceOf(Int32Array);
    column.set(3, 2 ** 40);
    expect(column.raw).toBeInstanceOf(Float64Array);
    expect([0, 1, 2, 3, 4].map((index) => column.get(index))).toEqual([200, 300, -1, 2 ** 40, 0]);
  });

  it('widens on a sum that overflows: cents past 2^31 and a count past 65535', () => {
    const cents = new WideningColumn(INT32);
    cents.add(5, 2_000_000_000);
    cents.add(5, 2_000_000_000);
    expect(cents.raw).toBeInstanceOf(Float64Array);
    expect(cents.get(5)).toBe(4_000_000_000);
    cents.add(5, -4_000_000_001);
    expect(cents.get(5)).toBe(-1);

    const rows = new WideningColumn(UINT16);
    for (let row = 0; row < 65_536; row++) rows.add(0, 1);
    expect(rows.raw).toBeInstanceOf(Int32Array);
    expect(rows.get(0)).toBe(65_536);
  });

  it('keeps the values written before a reservation and a widening, past the first block', () => {
    const column = new WideningColumn(UINT16);
    for (let index = 0; index < 3000; index++) column.set(index, index);
    column.reserve(100_000);
    column.set(3000, 70_000);
    expect(column.raw).toBeInstanceOf(Int32Array);
    expect(column.get(0)).toBe(0);
    expect(column.get(2999)).toBe(2999);
    expect(column.get(3000)).toBe(70_000);
    expect(column.get(50_000)).toBe(0);
  });

  it('moves values to their new places, and a column never written reads as zeros after the move', () => {
    const column = new WideningColumn(UINT16);
    column.set(0, 7);
    column.set(2, 9);
    expect(Array.from(column.moveTo(Int32Array.of(2, 0, 1), 3))).toEqual([0, 9, 7]);
    expect(column.get(0)).toBe(0);

    const names = new WideningColumn(UINT16);
    names.reserve(4);
    expect(Array.from(names.moveTo(Int32Array.of(3, 2, 1, 0), 4))).toEqual([0, 0, 0, 0]);
  });

  it('detaches the first values as they lie, without a copy, even past what was written', () => {
    const column = new WideningColumn(UINT8);
    column.set(1, 3);
    const storage = column.raw;
    const values = column.detach(4);
    expect(values).toBeInstanceOf(Uint8Array);
    expect(values.buffer).toBe(storage.buffer);
    expect(Array.from(values)).toEqual([0, 3, 0, 0]);
    expect(column.get(1)).toBe(0);
    expect(new WideningColumn(UINT8).detach(5000)).toHaveLength(5000);
  });

  it('a reservation that cannot be had (no such memory) leaves the column growing as written', () => {
    const column = new WideningColumn(INT32);
    column.set(2, 9);
    column.reserve(2 ** 40);
    expect(column.raw.length).toBeLessThan(2 ** 20);
    column.set(100_000, 1);
    expect([column.get(2), column.get(100_000)]).toEqual([9, 1]);
  });
});

describe('holding', () => {
  it('keeps an array that holds the value, and copies one that does not into the narrowest kind that does', () => {
    const bytes = Uint8Array.from([1, 2, 255]);
    expect(holding(bytes, 200)).toBe(bytes);
    const wider = holding(bytes, 300);
    expect(wider).toBeInstanceOf(Uint16Array);
    expect(Array.from(wider)).toEqual([1, 2, 255]);
    expect(holding(Uint16Array.from([7]), 70_000)).toBeInstanceOf(Int32Array);
    expect(holding(Uint8Array.from([7]), -1)).toBeInstanceOf(Int32Array);
    expect(Array.from(holding(Int32Array.from([-5]), 0.5))).toEqual([-5]);
    expect(holding(Int32Array.from([-5]), 0.5)).toBeInstanceOf(Float64Array);
  });
});

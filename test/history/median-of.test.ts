import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { medianOf } from '../../src/history/median-of.js';

describe('medianOf', () => {
  it('is the median of the first `count` values', () => {
    expect(medianOf([7, 1, 3, 99, 99], 3)).toBe(3);
    // Even count: type-7 interpolation halfway between the two middle values, as R's median.
    expect(medianOf([10, 2, 5, 100, 2, 1], 6)).toBe(3.5);
    expect(medianOf(new Float64Array([4]), 1)).toBe(4);
    // Both middle values have to be put in place: selecting the lower one alone leaves 12 above it here.
    expect(medianOf([9, 17, 10, 0, 4, 7, 15, 12, 10, 5, 1, 19], 12)).toBe(9.5);
  });

  it('is NaN for no values', () => {
    expect(medianOf([1, 2], 0)).toBeNaN();
  });

  it('leaves its input as it was', () => {
    const values = [5, 1, 4, 2, 3];
    medianOf(values, 5);
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });

  it('gives the same bits as simple-statistics median, past its scratch size too', () => {
    // Log-ratios, whose middle pair averages to a number an exact-arithmetic shortcut could miss.
    for (const count of [5, 6, 255, 256, 257, 1000, 1001]) {
      const values = Array.from({ length: count }, (_, index) => Math.log(1 + ((index * 7919) % 1009) / 13));
      expect(medianOf(values, count)).toBe(median(values));
    }
  });
});

import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { gapCadence, medianLogDeviation, medianOfGaps } from '../../src/history/gap-medians.js';
import { prng } from '../support/malformed-corpus.js';

/**
 * A customer's gaps, seeded: up to 300 around a typical gap of 1-60 days, spread by `spread` on a
 * log scale, and now and then one the histogram does not take (years long).
 */
function seededGaps(random: () => number, trial: number, spread: number): number[] {
  const count = 1 + Math.floor(random() * 300);
  const typical = 1 + Math.floor(random() * 60);
  const gaps = Array.from({ length: count }, () => Math.max(1, Math.round(typical * Math.exp((random() - 0.5) * spread))));
  if (trial % 9 === 0) gaps[Math.floor(random() * count)] = 5000;
  return gaps;
}

const logDeviations = (gaps: readonly number[], center: number): number[] => gaps.map((gap) => Math.abs(Math.log(gap / center)));

describe('medianOfGaps', () => {
  it('is the median of the first `count` gaps', () => {
    expect(medianOfGaps([7, 1, 3, 99, 99], 3)).toBe(3);
    expect(medianOfGaps([10, 2, 5, 100, 2, 1], 6)).toBe(3.5);
    expect(medianOfGaps(new Float64Array([4]), 1)).toBe(4);
    expect(medianOfGaps([14, 14, 14, 15], 4)).toBe(14);
  });

  it('is NaN for no gaps', () => {
    expect(medianOfGaps([3, 4], 0)).toBeNaN();
  });

  it('gives the same bits as simple-statistics median, counted or not', () => {
    const random = prng(7);
    for (let trial = 0; trial < 400; trial++) {
      const gaps = seededGaps(random, trial, 2);
      // Now and then one that is not a whole day, which the histogram does not take either.
      if (trial % 13 === 0) gaps[Math.floor(random() * gaps.length)] = 2.5;
      expect(medianOfGaps(gaps, gaps.length)).toBe(median(gaps));
    }
  });

  it('leaves nothing counted behind: a call after a wide one is its own', () => {
    expect(medianOfGaps([1, 500], 2)).toBe(250.5);
    expect(medianOfGaps([2, 2, 3], 3)).toBe(2);
    expect(medianOfGaps([30, 40, 50, 60, 70, 80, 90, 100], 8)).toBe(65);
    expect(medianOfGaps([5, 6], 2)).toBe(5.5);
  });
});

describe('medianLogDeviation', () => {
  it('is the median of |ln(gap / center)| over the first `count` gaps', () => {
    // Deviations of 7, 14, 28 from 14: ln 2, 0, ln 2.
    expect(medianLogDeviation([7, 14, 28], 3, 14)).toBe(Math.log(2));
    // 10 and 20 from 14.5 sit on either side: the middle pair is one from each.
    expect(medianLogDeviation([10, 20, 14, 15], 4, 14.5)).toBe(median(logDeviations([10, 20, 14, 15], 14.5)));
    expect(medianLogDeviation([9, 1, 1000], 1, 9)).toBe(0);
  });

  it('is NaN for no gaps', () => {
    expect(medianLogDeviation([3], 0, 3)).toBeNaN();
  });

  it('gives the same bits as simple-statistics median of the deviations, counted or not', () => {
    const random = prng(11);
    for (let trial = 0; trial < 400; trial++) {
      const gaps = seededGaps(random, trial, 3);
      const reference = 1 + Math.floor(random() * gaps.length);
      const center = median(gaps.slice(0, reference));
      expect(medianLogDeviation(gaps, reference, center)).toBe(median(logDeviations(gaps.slice(0, reference), center)));
    }
  });

  it('takes any center, inside the gaps or not', () => {
    const gaps = [3, 8, 8, 21, 40];
    for (const center of [0.5, 1, 8, 8.5, 40, 90, 10_000]) expect(medianLogDeviation(gaps, 5, center)).toBe(median(logDeviations(gaps, center)));
  });
});

describe('gapCadence', () => {
  it('is medianOfGaps and medianLogDeviation about it, from one count of the gaps', () => {
    const random = prng(13);
    for (let trial = 0; trial < 200; trial++) {
      const gaps = seededGaps(random, trial, 3);
      const reference = 1 + Math.floor(random() * gaps.length);
      const medianGap = median(gaps.slice(0, reference));
      expect(gapCadence(gaps, reference)).toEqual({ medianGap, medianLogDeviation: median(logDeviations(gaps.slice(0, reference), medianGap)) });
    }
    expect(gapCadence([4], 0)).toEqual({ medianGap: Number.NaN, medianLogDeviation: Number.NaN });
  });
});

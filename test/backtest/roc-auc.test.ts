import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../src/scoring/backtest/roc-auc.js';

describe('rocAuc', () => {
  it('is 1 when every positive outscores every negative, 0 when the reverse', () => {
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [true, true, false, false])).toBe(0);
  });

  it('counts ties as one half', () => {
    // All four scores tied: every positive-negative pair is a tie -> 0.5.
    expect(rocAuc([1, 1, 1, 1], [true, false, true, false])).toBe(0.5);
    // Positives 3 and 2, negatives 2 and 1: pairs (3,2) 1, (3,1) 1, (2,2) 0.5, (2,1) 1 -> 3.5/4.
    expect(rocAuc([3, 2, 2, 1], [true, true, false, false])).toBe(0.875);
  });

  it('matches the Mann-Whitney count on a mixed example', () => {
    // Positives 0.8, 0.4; negatives 0.6, 0.3, 0.1: 0.8 beats 3, 0.4 beats 2 -> 5/6.
    expect(rocAuc([0.8, 0.6, 0.4, 0.3, 0.1], [true, false, true, false, false])).toBeCloseTo(5 / 6, 12);
  });

  it('is NaN with only one class', () => {
    expect(rocAuc([1, 2], [true, true])).toBeNaN();
  });
});

import { describe, expect, it } from 'vitest';
import { topShareMetrics } from '../../src/scoring/backtest/top-share-metrics.js';

describe('topShareMetrics', () => {
  const scores = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
  const positives = [true, false, true, false, false, false, false, false, true, false];
  const revenues = [100, 0, 300, 0, 0, 0, 0, 0, 600, 0];

  it('flags the top share and measures precision, recall and revenue recall', () => {
    // Top 20% = the 2 highest (10 and 9): one positive of 3, with 100 of the positives' 1,000.
    expect(topShareMetrics(scores, positives, revenues, 0.2)).toEqual({ precision: 0.5, recall: 1 / 3, revenueRecall: 0.1 });
  });

  it('flags customers tied at the cut fractionally', () => {
    // Top 10% = 1 customer, but the two best are tied: each counts one half.
    const tied = [10, 10, 8, 7, 6, 5, 4, 3, 2, 1];
    // positives: one of the tied pair -> 0.5 flagged positives; revenue 0.5 × 100
    expect(topShareMetrics(tied, positives, revenues, 0.1)).toEqual({ precision: 0.5, recall: 0.5 / 3, revenueRecall: 0.05 });
  });
});

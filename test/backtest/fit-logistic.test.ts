import { describe, expect, it } from 'vitest';
import { fitLogistic } from '../../src/scoring/backtest/fit-logistic.js';

describe('fitLogistic', () => {
  it('without a penalty, a binary feature recovers the log-odds of each group exactly', () => {
    // x = 0: 1 positive in 4 -> logit(0.25) = ln(1/3); x = 1: 3 positives in 4 -> logit(0.75) = ln 3.
    const rows = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const labels = [true, false, false, false, true, true, true, false];
    const fit = fitLogistic(rows, labels, 0);
    expect(fit.intercept).toBeCloseTo(Math.log(1 / 3), 9);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(3) - Math.log(1 / 3), 9);
  });

  it('the penalty shrinks the coefficient toward 0, not the intercept', () => {
    const rows = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const labels = [true, false, false, false, true, true, true, false];
    const free = fitLogistic(rows, labels, 0).coefficients[0] as number;
    const penalised = fitLogistic(rows, labels, 5).coefficients[0] as number;
    expect(penalised).toBeGreaterThan(0);
    expect(penalised).toBeLessThan(free);
  });
});

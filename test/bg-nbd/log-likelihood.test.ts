// Reference values: the BG/NBD likelihood evaluated literally (no logs) with mpmath 1.3.0 at
// 30 digits, at the paper's parameters r = 0.243, α = 4.414, a = 0.793, b = 2.426.
import { describe, expect, it } from 'vitest';
import type { BgNbdParams, CustomerSummary } from '../../src/scoring/bg-nbd/bg-nbd-params.js';
import { customerLogLikelihood } from '../../src/scoring/bg-nbd/customer-log-likelihood.js';
import { groupSummaries } from '../../src/scoring/bg-nbd/group-summaries.js';
import { logLikelihood } from '../../src/scoring/bg-nbd/log-likelihood.js';
import { logLikelihoodWithGradient } from '../../src/scoring/bg-nbd/log-likelihood-with-gradient.js';

const PAPER: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('customerLogLikelihood', () => {
  it.each([
    [{ x: 0, tx: 0, T: 38.86 }, -0.554713276438158451082529654915],
    [{ x: 2, tx: 30.43, T: 38.86 }, -9.4586063070662712450902335769],
    [{ x: 1, tx: 1, T: 38.86 }, -4.34650678865302139272583142432],
    [{ x: 25, tx: 37, T: 38.86 }, -42.3638594645011321430034824811],
    // Γ(r+x) and (α+T)^(r+x) both overflow doubles here: only the log form can compute it.
    [{ x: 300, tx: 38.5, T: 38.86 }, 274.622453365374439661486430827],
  ])('matches the literal formula for %o', (customer, expected) => {
    expect(Math.abs(customerLogLikelihood(PAPER, customer) - expected)).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(expected)));
  });

  it('rejects impossible summaries and parameters with a clear message', () => {
    expect(() => customerLogLikelihood(PAPER, { x: 1.5, tx: 1, T: 2 })).toThrow(/x \(repeat purchases\) must be a non-negative integer/);
    expect(() => customerLogLikelihood(PAPER, { x: 2, tx: 5, T: 4 })).toThrow(/tx \(last purchase\) cannot be later than T/);
    expect(() => customerLogLikelihood(PAPER, { x: 0, tx: 1, T: 4 })).toThrow(/with no repeat purchase \(x=0\) tx must be 0/);
    expect(() => customerLogLikelihood({ ...PAPER, alpha: 0 }, { x: 0, tx: 0, T: 4 })).toThrow(/parameter alpha must be a finite number > 0/);
    expect(() => customerLogLikelihood({ ...PAPER, b: Number.NaN }, { x: 0, tx: 0, T: 4 })).toThrow(/parameter b/);
  });
});

describe('population log-likelihood', () => {
  const customers: CustomerSummary[] = [
    { x: 0, tx: 0, T: 38.86 },
    { x: 2, tx: 30.43, T: 38.86 },
    { x: 0, tx: 0, T: 38.86 },
    { x: 2, tx: 30.43, T: 38.86 },
    { x: 7, tx: 12, T: 30 },
    { x: 0, tx: 0, T: 38.86 },
  ];

  it('is the sum over customers, and grouping identical summaries changes nothing', () => {
    const sum = customers.reduce((s, c) => s + customerLogLikelihood(PAPER, c), 0);
    const groups = groupSummaries(customers);
    expect(groups).toEqual([
      { x: 0, tx: 0, T: 38.86, weight: 3 },
      { x: 2, tx: 30.43, T: 38.86, weight: 2 },
      { x: 7, tx: 12, T: 30, weight: 1 },
    ]);
    expect(logLikelihood(PAPER, customers)).toBeCloseTo(sum, 10);
    expect(logLikelihood(PAPER, groups)).toBeCloseTo(sum, 10);
    expect(logLikelihoodWithGradient(PAPER, groups).logLikelihood).toBeCloseTo(sum, 10);
  });

  it('has an analytic gradient that agrees with central finite differences', () => {
    const groups = groupSummaries([...customers, { x: 1, tx: 0.5, T: 20 }, { x: 40, tx: 36, T: 37 }]);
    for (const params of [PAPER, { r: 2, alpha: 0.7, a: 3, b: 0.4 }, { r: 0.05, alpha: 40, a: 0.2, b: 9 }]) {
      const { gradient } = logLikelihoodWithGradient(params, groups);
      for (const name of ['r', 'alpha', 'a', 'b'] as const) {
        const h = 1e-6 * params[name];
        const up = logLikelihood({ ...params, [name]: params[name] + h }, groups);
        const down = logLikelihood({ ...params, [name]: params[name] - h }, groups);
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(gradient[name] - numeric)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(numeric)));
      }
    }
  });

  it('groups by exact identity, whole days and fractional times alike, in order of first appearance', () => {
    // Whole days pack into one number key: these would share one if the packing ran past 2^53.
    const groups = groupSummaries([
      { x: 1, tx: 0, T: 0 },
      { x: 0, tx: 0, T: 2 ** 42 },
      { x: 2048, tx: 3, T: 9 },
      { x: 2048, tx: 3, T: 8 },
      { x: 3, tx: 1.5, T: 9 },
      { x: 1, tx: 0, T: 0 },
      { x: 3, tx: 1.5, T: 9 },
      { x: 2048, tx: 3, T: 9 },
    ]);
    expect(groups).toEqual([
      { x: 1, tx: 0, T: 0, weight: 2 },
      { x: 0, tx: 0, T: 2 ** 42, weight: 1 },
      { x: 2048, tx: 3, T: 9, weight: 2 },
      { x: 2048, tx: 3, T: 8, weight: 1 },
      { x: 3, tx: 1.5, T: 9, weight: 2 },
    ]);
  });

  it('refuses non-positive weights', () => {
    expect(() => groupSummaries([{ x: 0, tx: 0, T: 1, weight: 0 }])).toThrow(/weight must be a finite number > 0/);
  });
});

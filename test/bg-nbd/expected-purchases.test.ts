// Reference values: eq. (10) of Fader, Hardie & Lee (2005) evaluated literally with mpmath 1.3.0
// (hyp2f1) at 30-40 digits; at a = 1 (0/0 in the formula) mpmath was given a = 1 + 1e-30 at
// 80 digits (at 30 digits that cancellation leaves mpmath itself wrong in the 6th digit).
import { describe, expect, it } from 'vitest';
import type { BgNbdParams, CustomerSummary } from '../../src/scoring/bg-nbd/bg-nbd-params.js';
import { expectedPurchases } from '../../src/scoring/bg-nbd/expected-purchases.js';
import { hypergeometric2f1 } from '../../src/scoring/bg-nbd/hypergeometric-2f1.js';

const PAPER: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const relClose = (actual: number, expected: number, rel: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
};

/** Eq. (10) exactly as printed (no Euler transformation), for moderate inputs only. */
function literal(p: BgNbdParams, { x, tx, T }: CustomerSummary, t: number): number {
  const z = t / (p.alpha + T + t);
  const bracket = 1 - ((p.alpha + T) / (p.alpha + T + t)) ** (p.r + x) * hypergeometric2f1(p.r + x, p.b + x, p.a + p.b + x - 1, z);
  const numerator = ((p.a + p.b + x - 1) / (p.a - 1)) * bracket;
  return x === 0 ? numerator : numerator / (1 + (p.a / (p.b + x - 1)) * ((p.alpha + T) / (p.alpha + tx)) ** (p.r + x));
}

describe('expectedPurchases', () => {
  it.each([
    ['the paper example', { x: 2, tx: 30.43, T: 38.86 }, 39, 1.22602817476714444629394396003],
    ['a one-time buyer', { x: 0, tx: 0, T: 38.86 }, 39, 0.195098052011262638685057426579],
    ['200 repeat purchases', { x: 200, tx: 38, T: 38.86 }, 52, 141.153429897863369697356824853],
    ['a horizon with z = 0.99', { x: 3, tx: 20, T: 30 }, 5000, 24.8136090529165991077397568518],
  ])('matches mpmath for %s', (_, customer, t, expected) => {
    relClose(expectedPurchases(PAPER, customer, t), expected, 1e-11);
  });

  it('agrees with the formula as printed wherever that is safe to evaluate', () => {
    const cases: [BgNbdParams, CustomerSummary, number][] = [
      [PAPER, { x: 5, tx: 10, T: 40 }, 26],
      [{ r: 2, alpha: 10, a: 3, b: 5 }, { x: 1, tx: 3, T: 12 }, 52],
      [{ r: 0.5, alpha: 1, a: 0.3, b: 0.9 }, { x: 0, tx: 0, T: 5 }, 10],
    ];
    for (const [params, customer, t] of cases) relClose(expectedPurchases(params, customer, t), literal(params, customer, t), 1e-10);
  });

  it('is 0 for t = 0 and grows with the horizon', () => {
    const customer = { x: 2, tx: 30.43, T: 38.86 };
    expect(expectedPurchases(PAPER, customer, 0)).toBe(0);
    let previous = 0;
    for (const t of [1, 5, 13, 26, 52, 104, 520]) {
      const e = expectedPurchases(PAPER, customer, t);
      expect(e).toBeGreaterThan(previous);
      previous = e;
    }
  });

  it('is continuous through the removable singularity at a = 1', () => {
    const customer = { x: 2, tx: 30.43, T: 38.86 };
    relClose(expectedPurchases({ ...PAPER, a: 1 }, customer, 39), 1.1021367860399557729, 1e-9);
    relClose(expectedPurchases({ ...PAPER, a: 1 + 3e-6 }, customer, 39), 1.10213514735050921535729644298, 1e-9);
    relClose(expectedPurchases({ ...PAPER, a: 1 - 2e-5 }, customer, 39), expectedPurchases({ ...PAPER, a: 1 - 1e-5 }, customer, 39), 1e-4);
  });

  it('is finite where ₂F₁ itself is undefined (x = 0, a + b = 1)', () => {
    const params = { ...PAPER, a: 0.6, b: 0.4 };
    expect(params.a + params.b - 1).toBe(0);
    relClose(expectedPurchases(params, { x: 0, tx: 0, T: 38.86 }, 39), 0.1700482443106919093520460231702214515882, 1e-9);
  });

  it('rejects a negative or non-finite horizon', () => {
    expect(() => expectedPurchases(PAPER, { x: 0, tx: 0, T: 1 }, -1)).toThrow(/horizon t must be a finite number >= 0/);
    expect(() => expectedPurchases(PAPER, { x: 0, tx: 0, T: 1 }, Number.POSITIVE_INFINITY)).toThrow(/horizon t/);
  });
});

describe('expectedPurchases on the dropout ridge (a in the thousands, b larger still)', () => {
  // The fit of a book whose customers seldom drop out (the 1M bench book: a ~ 6,900, b ~ 1.07e7).
  // After Euler's transformation the series' value overflowed there (NaN for one customer in six);
  // references: eq. (10) as printed, mpmath 1.3.0 at 40 digits.
  const ridge: BgNbdParams = { r: 3.27, alpha: 6.77, a: 6872.26, b: 10669229.79 };
  it.each([
    [{ x: 0, tx: 0, T: 20 }, 26, 3.17170868603155895768084994418],
    [{ x: 4, tx: 30, T: 52 }, 26, 3.15109931172335785947818505286],
    [{ x: 40, tx: 150, T: 156 }, 26, 6.87352216788792436197684089647],
    [{ x: 120, tx: 155, T: 156 }, 52, 38.8286084786226434234379981232],
  ])('%j over %i weeks matches mpmath', (customer, t, expected) => {
    relClose(expectedPurchases(ridge, customer, t), expected, 1e-9);
  });
  it('and on either side of x = a − 1 - r, where the series changes', () => {
    const small: BgNbdParams = { r: 3.27, alpha: 6.77, a: 12.5, b: 20000 };
    relClose(expectedPurchases(small, { x: 30, tx: 150, T: 156 }, 26), 5.29378314520295182936470030487, 1e-9);
    relClose(expectedPurchases(small, { x: 3, tx: 150, T: 156 }, 26), 1.00038166530973137323415809757, 1e-9);
  });
});

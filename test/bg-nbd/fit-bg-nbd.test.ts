import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../src/scoring/bg-nbd/fit-bg-nbd.js';

describe('fitBgNbd on small data: failures are explicit', () => {
  const few = [
    { x: 1, tx: 5, T: 10 },
    { x: 0, tx: 0, T: 12 },
    { x: 3, tx: 9, T: 11 },
  ];

  it('refuses empty data and data without a single repeat purchase', () => {
    expect(() => fitBgNbd([])).toThrow(/no customers to fit/);
    const oneTimers = Array.from({ length: 50 }, (_, i) => ({ x: 0, tx: 0, T: 10 + i }));
    expect(() => fitBgNbd(oneTimers)).toThrow(/no customer has a repeat purchase.*cannot be estimated/);
  });

  it('says where it stopped and what to try when the iteration cap is hit', () => {
    expect(() => fitBgNbd(few, { maxIterations: 2 })).toThrow(
      /did not converge: reached 2 iterations.*stopped at r=.*Try another start \(options\.start\), a larger options\.maxIterations/,
    );
  });

  it('returns converged: false instead when asked to', () => {
    const fit = fitBgNbd(few, { maxIterations: 2, allowNonConverged: true });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(2);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });

  it('does not pass off a parameter running to 0 or infinity as a fit', () => {
    // Three customers do not identify four parameters: a → 0, b → ∞ along a flat ridge.
    expect(() => fitBgNbd(few)).toThrow(/did not converge/);
  });

  it('refuses an invalid start', () => {
    expect(() => fitBgNbd(few, { start: { r: 1, alpha: -1, a: 1, b: 1 } })).toThrow(/parameter alpha must be a finite number > 0/);
  });
});

describe('fitBgNbd on the dropout ridge', () => {
  // 60 customers who keep buying right up to the end: nothing says anyone drops out, and the
  // likelihood rises as a → 0 (the dropout chance vanishing).
  const loyal = Array.from({ length: 60 }, (_, i) => {
    const T = 40 + (i % 13) * 3;
    return { x: 3 + (i % 7) * 2, tx: T - (i % 3) * 0.5 - 0.5, T };
  });

  it('throws by default, as a parameter ran off', () => {
    expect(() => fitBgNbd(loyal)).toThrow(/ran off towards 0 or infinity/);
  });

  it('is taken as the fit it is with acceptDropoutRidge, r and α where the data put them', () => {
    const fit = fitBgNbd(loyal, { acceptDropoutRidge: true });
    expect(fit.converged).toBe(true);
    expect(fit.dropoutRidge).toBe(true);
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeLessThan(1e-9);
    expect(fit.params.r).toBeCloseTo(6.3224, 3);
    expect(fit.params.alpha).toBeCloseTo(39.902, 2);
  });
});

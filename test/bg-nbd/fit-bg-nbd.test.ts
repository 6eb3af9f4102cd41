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

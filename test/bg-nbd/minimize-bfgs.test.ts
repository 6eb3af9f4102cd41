import { describe, expect, it } from 'vitest';
import { minimizeBfgs } from '../../src/scoring/bg-nbd/minimize-bfgs.js';

describe('minimizeBfgs: a stop at the floating-point floor', () => {
  // A value that floating point cannot tell from 1 near the start, with a gradient of 1e-6 that
  // promises a descent no step can show.
  const flat = (point: readonly number[]) => ({ value: 1 + 1e-6 * (point[0] ?? 0) * 1e-12, gradient: [1e-6] });
  const options = { maxIterations: 50, gradientTolerance: 1e-9, relativeTolerance: 1e-15, maxStep: 2 };

  it('is not converged with the gradient above 100 x gradientTolerance (the default)', () => {
    const result = minimizeBfgs(flat, [0], options);
    expect(result.converged).toBe(false);
    expect(result.iterations).toBeLessThan(50);
  });

  it('is converged with the gradient within stallTolerance', () => {
    expect(minimizeBfgs(flat, [0], { ...options, stallTolerance: 1e-4 }).converged).toBe(true);
    expect(minimizeBfgs(flat, [0], { ...options, stallTolerance: 1e-7 }).converged).toBe(false);
  });

  it('still converges on a smooth bowl as before', () => {
    const bowl = (point: readonly number[]) => {
      const [x = 0, y = 0] = point;
      return { value: (x - 1) ** 2 + 10 * (y + 2) ** 2, gradient: [2 * (x - 1), 20 * (y + 2)] };
    };
    const result = minimizeBfgs(bowl, [0, 0], { ...options, stallTolerance: 1e-4 });
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 8);
    expect(result.point[1]).toBeCloseTo(-2, 8);
  });
});

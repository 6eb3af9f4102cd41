// Reference values: closed forms where they exist, otherwise mpmath 1.3.0 at 30 significant
// digits (loggamma, digamma, hyp2f1), computed once and pasted here.
import { gammaln } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { digamma } from '../../src/scoring/bg-nbd/digamma.js';
import { hypergeometric2f1 } from '../../src/scoring/bg-nbd/hypergeometric-2f1.js';

describe('gammaln (simple-statistics), used as ln Γ by the BG/NBD likelihood', () => {
  // We rely on the dependency instead of our own Lanczos: pin its accuracy so an upgrade that
  // degrades it fails here rather than silently shifting fitted parameters.
  it.each([
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1, 0],
    [2, 0],
    [1.5, Math.log(Math.sqrt(Math.PI) / 2)],
    [10, Math.log(362880)],
    [1e-5, 11.5129196928958257074208339309],
    [1e-3, 6.90717888538385368251234466808],
    [0.243, 1.3180435846996698494673720142],
    [0.793, 0.158871330286365200124110599786],
    [2.426, 0.234008116887316122268639949351],
    [4.414, 2.3352200522018909703352300334],
    [50.5, 146.519255490720627221891301049],
    [1000, 5905.22042320918121182607691236],
  ])('ln Γ(%f) to 1e-10 relative', (x, expected) => {
    expect(Math.abs(gammaln(x) - expected)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected)));
  });
});

describe('digamma', () => {
  it.each([
    [1e-3, -1000.57557193181030047147261447],
    [0.243, -4.35109386442321061603309100099],
    [0.5, -1.963510026021423479440976333],
    [1, -0.577215664901532860606512090082],
    [2.426, 0.666207914968796178781347674226],
    [10, 2.25175258906672110764745616389],
  ])('ψ(%f) to 1e-13 relative', (x, expected) => {
    expect(Math.abs(digamma(x) - expected)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(expected)));
  });

  it('satisfies ψ(x+1) = ψ(x) + 1/x across the switch to the asymptotic series', () => {
    for (const x of [0.3, 7.5, 9.99, 10, 25.25, 1234.5]) {
      expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 12);
    }
  });

  it('matches the derivative of gammaln', () => {
    for (const x of [0.2, 1.7, 12, 300]) {
      const h = 1e-5 * x;
      expect(digamma(x)).toBeCloseTo((gammaln(x + h) - gammaln(x - h)) / (2 * h), 6);
    }
  });

  it('rejects x <= 0', () => {
    expect(() => digamma(0)).toThrow(/digamma: argument must be a finite number > 0/);
    expect(() => digamma(-1.5)).toThrow(/> 0/);
  });
});

describe('hypergeometric2f1', () => {
  const close = (actual: number, expected: number, rel = 1e-12): void => {
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
  };

  it('matches closed forms, including z close to 1', () => {
    for (const z of [0, 0.1, 0.47, 0.9, 0.99, 0.999]) {
      close(hypergeometric2f1(1, 1, 2, z), z === 0 ? 1 : -Math.log1p(-z) / z);
      close(hypergeometric2f1(2.5, 0.7, 0.7, z), (1 - z) ** -2.5); // ₂F₁(a, b; b; z) = (1−z)^−a
    }
    for (const s of [0.3, 0.8, 0.95]) {
      close(hypergeometric2f1(0.5, 0.5, 1.5, s * s), Math.asin(s) / s);
    }
  });

  it('handles negative z and terminating series', () => {
    close(hypergeometric2f1(1, 1, 2, -0.5), Math.log(1.5) / 0.5);
    // a = −2 makes (a)ₖ = 0 from k = 3 on, so the series is the quadratic written out here.
    const z = 0.6;
    close(hypergeometric2f1(-2, 3, 4, z), 1 + ((-2 * 3) / 4) * z + ((-2 * -1 * 3 * 4) / (4 * 5 * 2)) * z * z);
  });

  it.each([
    [2.243, 4.426, 4.219, 0.47, 4.49303693401162097953417852917],
    [0.243, 2.426, 2.219, 0.9, 1.94763116981860142349801643712],
    [30.243, 32.426, 32.219, 0.6, 1299805233180.11477752945884741],
    [1.5, 2.5, 0.5, 0.3, 7.66618933100777261787579532165],
    [0.243, 2.426, -0.2, 0.5, -8.49740949407138006614833375052],
    [5.243, 7.426, 6.219, 0.99, 6500492037256.63282301167744366],
  ])('₂F₁(%f, %f; %f; %f) matches mpmath', (a, b, c, z, expected) => {
    close(hypergeometric2f1(a, b, c, z), expected, 1e-11);
  });

  it('refuses arguments outside the series domain with a clear message', () => {
    expect(() => hypergeometric2f1(1, 1, 2, 1)).toThrow(/\|z\| < 1/);
    expect(() => hypergeometric2f1(1, 1, -2, 0.5)).toThrow(/non-positive integer/);
    expect(() => hypergeometric2f1(1, Number.NaN, 2, 0.5)).toThrow(/finite/);
    expect(() => hypergeometric2f1(1, 1, 2, 0.999999, { maxTerms: 1000 })).toThrow(/did not converge in 1000 terms/);
  });
});

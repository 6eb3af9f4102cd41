export interface Hypergeometric2F1Options {
  /** Stop when the (bounded) remainder of the series is below this × |sum|; default 1e-16. */
  readonly tolerance?: number;
  /** Give up (throw) after this many terms; default 1,000,000. */
  readonly maxTerms?: number;
}

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) = Σₖ (a)ₖ (b)ₖ / ((c)ₖ k!) zᵏ for real |z| < 1.
 *
 * Plain power series, summed until the remainder is negligible. Why that is enough here: the
 * BG/NBD expectations need 0 <= z = t/(α+T+t) < 1, and expectedPurchases calls it after Euler's
 * transformation, where a and b are small, so the terms stay moderate and no cancellation
 * occurs beyond the first few (c may lie in (−1, 0)). Convergence is geometric with ratio → z,
 * so z = 0.5 needs ~50 terms and z = 0.999 some tens of thousands (still milliseconds).
 *
 * Stopping rule: once the term ratio ρₖ = (a+k)(b+k)z/((c+k)(k+1)) is below 1 and past the
 * sign changes, the remainder is at most |termₖ|·ρ/(1−ρ) with ρ = max(|ρₖ|, |z|) (the ratio
 * tends to z monotonically for large k); stopping on |termₖ| alone would stop far too early
 * for z near 1. A series that terminates (a or b a non-positive integer) is summed exactly.
 *
 * @throws Error when |z| >= 1, an argument is not finite, c is a non-positive integer (the
 * function is undefined there), or the series has not converged within maxTerms.
 */
export function hypergeometric2f1(a: number, b: number, c: number, z: number, options: Hypergeometric2F1Options = {}): number {
  const tolerance = options.tolerance ?? 1e-16;
  const maxTerms = options.maxTerms ?? 1_000_000;
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new Error(`hypergeometric2f1: arguments must be finite, got a=${a}, b=${b}, c=${c}, z=${z}`);
  }
  if (Math.abs(z) >= 1) throw new Error(`hypergeometric2f1: the series needs |z| < 1, got z=${z}`);
  if (c <= 0 && Number.isInteger(c)) throw new Error(`hypergeometric2f1: c must not be a non-positive integer, got c=${c}`);

  let sum = 1;
  let term = 1;
  // Past this index every Pochhammer factor has a fixed sign, so the ratio behaves.
  const settled = Math.max(0, -a, -b, -c);
  for (let k = 0; k < maxTerms; k++) {
    const ratio = ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    if (k + 1 > settled) {
      const nextRatio = Math.abs(((a + k + 1) * (b + k + 1) * z) / ((c + k + 1) * (k + 2)));
      const rho = Math.max(nextRatio, Math.abs(z));
      if (rho < 1 && (Math.abs(term) * rho) / (1 - rho) <= tolerance * Math.abs(sum)) return sum;
    }
  }
  throw new Error(
    `hypergeometric2f1: series did not converge in ${maxTerms} terms (a=${a}, b=${b}, c=${c}, z=${z}); ` +
      'z is too close to 1 for the power series',
  );
}

import { assertBgNbdParams } from './assert-bg-nbd-params.js';
import { assertCustomerSummary } from './assert-customer-summary.js';
import type { BgNbdParams, CustomerSummary } from './bg-nbd-params.js';
import { hypergeometric2f1 } from './hypergeometric-2f1.js';

/**
 * Expected number of purchases in the next `t` time units by a customer with history
 * (x, tx, T), eq. (10) of Fader, Hardie & Lee (2005):
 *
 *   E[Y(t) | x, tx, T] =
 *     (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)]
 *     / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+tx))^(r+x)),          z = t/(α+T+t).
 *
 * Why it is not evaluated literally: ₂F₁(r+x, b+x; ...) grows like (1−z)^(a−1−r−x), so for
 * customers with many purchases it overflows and is multiplied by a power that underflows.
 * Euler's transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) turns the bracket
 * into  1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z),  whose series has small numerator
 * parameters and converges faster the more purchases the customer made.
 *
 * Removable singularities: at a = 1 the formula is 0/0 (the bracket vanishes with a−1), and at
 * a+b+x−1 = 0 (only possible for x = 0, a+b = 1) ₂F₁ is undefined while the product is finite.
 * Within a small distance of either, the value is interpolated linearly between the two points
 * at that distance on both sides (error ~1e-10 relative, far below the fit's own uncertainty).
 * The denominator is 1/P(alive), see pAlive; for x = 0 it is 1.
 *
 * @param t length of the forecast horizon, in the same time unit as tx, T and α; t >= 0.
 */
export function expectedPurchases(params: BgNbdParams, customer: CustomerSummary, t: number): number {
  assertBgNbdParams(params);
  assertCustomerSummary(customer);
  if (!Number.isFinite(t) || t < 0) throw new Error(`expectedPurchases: horizon t must be a finite number >= 0, got ${t}`);
  if (t === 0) return 0;

  const { b, a } = params;
  const { x } = customer;
  // 1 − 1e-5 and 1 + 1e-5 lose ~5 digits to cancellation in the bracket, leaving ~1e-11.
  const nearOne = 1e-5;
  if (Math.abs(a - 1) < nearOne) return interpolateInA(params, customer, t, 1, nearOne);
  // No cancellation near c = 0 (only the exact point is undefined), so a tiny distance suffices.
  const cZeroAt = 1 - b - x;
  const nearCZero = 1e-9;
  if (Math.abs(a - cZeroAt) < nearCZero && cZeroAt - nearCZero > 0) {
    return interpolateInA(params, customer, t, cZeroAt, nearCZero);
  }
  return evaluate(params, customer, t);
}

/** Linear interpolation in a between a0 − h and a0 + h, skipping the singular point a0. */
function interpolateInA(params: BgNbdParams, customer: CustomerSummary, t: number, a0: number, h: number): number {
  const below = evaluate({ ...params, a: a0 - h }, customer, t);
  const above = evaluate({ ...params, a: a0 + h }, customer, t);
  const weight = (params.a - (a0 - h)) / (2 * h);
  return below + weight * (above - below);
}

/** Eq. (10), after Euler's transformation unless a is the larger; valid away from a = 1 and a+b+x−1 = 0. */
function evaluate(params: BgNbdParams, customer: CustomerSummary, t: number): number {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = customer;
  const c = a + b + x - 1;
  const logOneMinusZ = Math.log(alpha + T) - Math.log(alpha + T + t);
  const z = t / (alpha + T + t);
  // The series' terms grow with its second parameter before they fall (by ~z a term): a − 1 after
  // Euler's transformation, r + x before it. A book whose customers seldom drop out has a in the
  // thousands (on the dropout ridge, b larger still), where the transformed series took ~800 terms a
  // customer and the plain one ~30; the plain one cannot overflow there, its value being below 1.
  const bracket =
    a - 1 > r + x
      ? 1 - Math.exp((r + x) * logOneMinusZ) * hypergeometric2f1(r + x, b + x, c, z)
      : 1 - Math.exp((a - 1) * logOneMinusZ) * hypergeometric2f1(a + b - 1 - r, a - 1, c, z);
  const numerator = (c / (a - 1)) * bracket;
  if (x === 0) return numerator;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return numerator / (1 + Math.exp(logOdds));
}

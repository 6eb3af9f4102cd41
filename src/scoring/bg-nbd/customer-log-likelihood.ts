import { gammaln } from 'simple-statistics';
import { assertBgNbdParams } from './assert-bg-nbd-params.js';
import { assertCustomerSummary } from './assert-customer-summary.js';
import type { BgNbdParams, CustomerSummary } from './bg-nbd-params.js';

/**
 * Log-likelihood of one customer's (x, tx, T) under the BG/NBD model, eq. (6) of
 * Fader, Hardie & Lee (2005):
 *
 *   L = B(a, b+x)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+T)^(r+x))
 *     + [x > 0] · B(a+1, b+x−1)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+tx)^(r+x))
 *
 * The first term is "still alive at T", the second "dropped out right after the purchase at tx"
 * (dropout can only follow a purchase, hence no second term for x = 0).
 *
 * Why in logs: Γ(r+x) and (α+T)^(r+x) overflow double precision for customers with a few
 * hundred purchases, and the two terms can differ by hundreds of orders of magnitude, so the
 * shared factor is taken out in log space (ln Γ via simple-statistics' gammaln, a Lanczos
 * approximation accurate to ~1e-14 here) and the sum is done as a log-sum-exp.
 */
export function customerLogLikelihood(params: BgNbdParams, customer: CustomerSummary): number {
  assertBgNbdParams(params);
  assertCustomerSummary(customer);
  const { r, alpha, a, b } = params;
  const { x, tx, T } = customer;

  // ln[Γ(r+x) αʳ / Γ(r)] + ln[B(a, b+x) / B(a, b)]: common to both terms.
  const shared =
    gammaln(r + x) - gammaln(r) + r * Math.log(alpha) +
    gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x);

  const aliveTerm = -(r + x) * Math.log(alpha + T);
  if (x === 0) return shared + aliveTerm;

  // B(a+1, b+x−1)/B(a, b+x) = a/(b+x−1); then log-sum-exp of the two terms.
  const dropoutTerm = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  const top = Math.max(aliveTerm, dropoutTerm);
  return shared + top + Math.log(Math.exp(aliveTerm - top) + Math.exp(dropoutTerm - top));
}

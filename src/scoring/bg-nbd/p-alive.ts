import { assertBgNbdParams } from './assert-bg-nbd-params.js';
import { assertCustomerSummary } from './assert-customer-summary.js';
import type { BgNbdParams, CustomerSummary } from './bg-nbd-params.js';

/**
 * Probability that a customer with history (x, tx, T) is still alive at T, eq. (13) of
 * Fader, Hardie & Lee (2005):
 *
 *   P(alive | x, tx, T) = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+tx))^(r+x))
 *
 * For x = 0 it is exactly 1. That is a property of the model, not a shortcut: in BG/NBD a
 * customer can only drop out right after a purchase, and a customer with no repeat purchase has
 * had no chance yet (the first purchase is the start of the clock, not a dropout opportunity).
 * So one-time buyers always look "alive", however long ago they bought; read their risk from
 * expectedPurchases (which does shrink with T) or use a model with dropout at time 0 (MBG/NBD).
 *
 * The power is taken in log space so that a long silence after many purchases gives a clean 0
 * instead of Infinity/Infinity.
 */
export function pAlive(params: BgNbdParams, customer: CustomerSummary): number {
  assertBgNbdParams(params);
  assertCustomerSummary(customer);
  const { r, alpha, a, b } = params;
  const { x, tx, T } = customer;
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

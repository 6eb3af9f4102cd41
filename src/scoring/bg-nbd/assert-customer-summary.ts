import type { CustomerSummary } from './bg-nbd-params.js';

/**
 * Throw a descriptive Error unless (x, tx, T) is a possible BG/NBD customer summary.
 *
 * Catching a mixed-up summary here (tx > T, fractional x, tx > 0 with no repeat purchase)
 * is much cheaper than debugging the odd fit or probability it would otherwise produce.
 * A tiny tolerance on tx <= T absorbs rounding when both are computed as days / 7.
 */
export function assertCustomerSummary(customer: CustomerSummary): void {
  const { x, tx, T } = customer;
  // Called in hot loops: the message is built only when there is something to say.
  const fail = (problem: string): never => {
    throw new Error(`customer summary (x=${String(x)}, tx=${String(tx)}, T=${String(T)}): ${problem}`);
  };
  if (!Number.isInteger(x) || x < 0) fail('x (repeat purchases) must be a non-negative integer');
  if (!Number.isFinite(tx) || tx < 0) fail('tx must be a finite number >= 0');
  if (!Number.isFinite(T) || T < 0) fail('T must be a finite number >= 0');
  if (tx > T * (1 + 1e-12)) fail('tx (last purchase) cannot be later than T (end of observation)');
  if (x === 0 && tx !== 0) fail('with no repeat purchase (x=0) tx must be 0');
}

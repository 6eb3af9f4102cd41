import { assertCustomerSummary } from './assert-customer-summary.js';
import type { CustomerSummary, WeightedCustomerSummary } from './bg-nbd-params.js';

/**
 * Collapse customers with identical (x, tx, T) into one weighted row.
 *
 * Why: the likelihood of a customer depends only on (x, tx, T), and a fit evaluates it
 * hundreds of times. With time measured in whole days, many customers share a summary
 * (all the one-time buyers of the same day, for a start), so the fit gets several times
 * faster with exactly the same result. Input rows may already carry a weight; it is added up.
 * Every summary is validated here, once, rather than on every likelihood evaluation.
 *
 * @returns one row per distinct (x, tx, T), in order of first appearance.
 */
export function groupSummaries(
  customers: readonly (CustomerSummary & { readonly weight?: number })[],
): WeightedCustomerSummary[] {
  const groups = new Map<string, { x: number; tx: number; T: number; weight: number }>();
  for (const customer of customers) {
    assertCustomerSummary(customer);
    const weight = customer.weight ?? 1;
    if (!Number.isFinite(weight) || weight <= 0) {
      throw new Error(`groupSummaries: weight must be a finite number > 0, got ${String(weight)}`);
    }
    // Exact float identity is what we want: equal day counts give bit-identical tx and T.
    const key = `${customer.x}|${customer.tx}|${customer.T}`;
    const group = groups.get(key);
    if (group) group.weight += weight;
    else groups.set(key, { x: customer.x, tx: customer.tx, T: customer.T, weight });
  }
  return [...groups.values()];
}

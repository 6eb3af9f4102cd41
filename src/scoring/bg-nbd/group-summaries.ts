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
  const groups = new Map<number | string, { x: number; tx: number; T: number; weight: number }>();
  for (const customer of customers) {
    assertCustomerSummary(customer);
    const weight = customer.weight ?? 1;
    if (!Number.isFinite(weight) || weight <= 0) {
      throw new Error(`groupSummaries: weight must be a finite number > 0, got ${String(weight)}`);
    }
    const key = summaryKey(customer);
    const group = groups.get(key);
    if (group) group.weight += weight;
    else groups.set(key, { x: customer.x, tx: customer.tx, T: customer.T, weight });
  }
  return [...groups.values()];
}

/** Whole times below this (5,700 years of days) and repeat purchases below 2^11 pack into one exact number. */
const TIME_SPAN = 2 ** 21;
const X_SPAN = 2 ** 11;

/**
 * One key per distinct (x, tx, T) of a checked summary, by exact float identity (equal day counts
 * give bit-identical tx and T): whole days packed into one number (0 <= tx <= T), which costs no
 * string (a string key a customer was ~60% of grouping 20,000 of them); anything else as text,
 * which a number never equals.
 */
function summaryKey({ x, tx, T }: CustomerSummary): number | string {
  if (x < X_SPAN && Number.isInteger(tx) && Number.isInteger(T) && T < TIME_SPAN) return (x * TIME_SPAN + tx) * TIME_SPAN + T;
  return `${x}|${tx}|${T}`;
}

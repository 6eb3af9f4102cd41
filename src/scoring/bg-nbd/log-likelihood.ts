import type { BgNbdParams, CustomerSummary } from './bg-nbd-params.js';
import { customerLogLikelihood } from './customer-log-likelihood.js';

/**
 * Log-likelihood of a population under the BG/NBD model: the sum of the customers'
 * log-likelihoods (customers are independent given the parameters).
 *
 * Rows may carry a `weight` (see groupSummaries) standing for that many identical customers,
 * so grouped and ungrouped data give the same number.
 */
export function logLikelihood(
  params: BgNbdParams,
  customers: readonly (CustomerSummary & { readonly weight?: number })[],
): number {
  let total = 0;
  for (const customer of customers) {
    total += (customer.weight ?? 1) * customerLogLikelihood(params, customer);
  }
  return total;
}

import { compareText } from '../history/compare-text.js';
import type { ScoredCustomer } from './score-customer.js';

export const SORT_KEYS = ['value', 'risk'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/**
 * Customers rated medium or high come first, then the rest; within each group by value at risk
 * (`value`) or by score (`risk`). Ties fall to the other key, then to the customer id, so the
 * order is total and never depends on input order.
 */
export function rankCustomers(customers: readonly ScoredCustomer[], sort: SortKey): ScoredCustomer[] {
  const atRisk = (customer: ScoredCustomer) => (customer.riskLevel === 'low' ? 1 : 0);
  return [...customers].sort((a, b) => {
    const byTier = atRisk(a) - atRisk(b);
    if (byTier !== 0) return byTier;
    const byValue = b.valueAtRisk - a.valueAtRisk;
    const byRisk = b.riskScore - a.riskScore;
    const primary = sort === 'value' ? byValue || byRisk : byRisk || byValue;
    return primary || compareText(a.customerId, b.customerId);
  });
}

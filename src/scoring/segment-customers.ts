import { quantileSorted } from 'simple-statistics';
import type { ScoredCustomer } from './score-customer.js';

export type Segment = 'protect' | 'strategic' | 'grow' | 'watch';

/** "Large" and "top revenue": the top fifth of the book by annual revenue. */
const LARGE_ACCOUNT_QUANTILE = 0.8;
/** Rising volume: revenue trending up at least this much of an average month, every month. */
const GROWING_TREND_PCT = 2;

/**
 * Key-account groups:
 * - `protect`: rated high and large: the accounts to call first;
 * - `strategic`: large and steady (rated low);
 * - `grow`: rated low with rising revenue, buying fewer product lines than the book's median;
 * - `watch`: every other customer rated medium or high.
 * Others (small, steady) get no segment.
 */
export function segmentCustomers(customers: readonly ScoredCustomer[]): ReadonlyMap<string, Segment | null> {
  const revenues = customers.map((customer) => customer.annualRevenue).sort((a, b) => a - b);
  const lines = customers.map((customer) => customer.productLines).sort((a, b) => a - b);
  const largeFrom = revenues.length === 0 ? Number.POSITIVE_INFINITY : quantileSorted(revenues, LARGE_ACCOUNT_QUANTILE);
  const medianLines = lines.length === 0 ? 0 : quantileSorted(lines, 0.5);
  const segments = new Map<string, Segment | null>();
  for (const customer of customers) {
    const large = customer.annualRevenue >= largeFrom && customer.annualRevenue > 0;
    let segment: Segment | null = null;
    if (customer.riskLevel === 'high' && large) segment = 'protect';
    else if (customer.riskLevel !== 'low') segment = 'watch';
    else if (large) segment = 'strategic';
    else if (customer.revenueTrendPct >= GROWING_TREND_PCT && customer.productLines <= medianLines) segment = 'grow';
    segments.set(customer.customerId, segment);
  }
  return segments;
}

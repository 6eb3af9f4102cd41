import type { PreviousReport } from '../ingest/read-previous-report.js';
import { compareText } from '../history/compare-text.js';
import { repKey } from './rep-totals.js';
import type { RiskLevel, ScoredCustomer } from './score-customer.js';

export type ChangeMark = 'new-at-risk' | 'escalated' | 'unchanged' | 'recovered' | 'gone';

export interface CustomerChange {
  readonly change: ChangeMark;
  /** Null when the previous run did not list the customer. */
  readonly previousRiskLevel: RiskLevel | null;
}

export interface RunChanges {
  readonly previousAsOf: string;
  readonly byCustomer: ReadonlyMap<string, CustomerChange>;
  /** Customers the previous run listed that this analysis no longer has at all. */
  readonly missing: readonly string[];
}

const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

/**
 * Each customer against the previous run:
 * - `gone`: lapsed now but not then (or listed then and absent from this export);
 * - `new-at-risk`: medium or high now, low or not listed then;
 * - `escalated`: medium then, high now;
 * - `recovered`: medium or high then, low now;
 * - `unchanged`: anything else (the same level, or high easing to medium).
 * A customer the previous run did not list counts as low then: an at-risk-only previous report
 * leaves out exactly the low ones.
 */
export function changesSince(customers: readonly ScoredCustomer[], previous: PreviousReport): RunChanges {
  const byCustomer = new Map<string, CustomerChange>();
  for (const customer of customers) {
    const before = previous.customers.get(customer.customerId);
    const previousRiskLevel = before?.riskLevel ?? null;
    byCustomer.set(customer.customerId, { change: changeOf(customer, before, previousRiskLevel), previousRiskLevel });
  }
  const missing = [...previous.customers.keys()].filter((id) => !byCustomer.has(id)).sort(compareText);
  return { previousAsOf: previous.asOf, byCustomer, missing };
}

function changeOf(
  customer: ScoredCustomer,
  before: { riskLevel: RiskLevel; status: string } | undefined,
  previousLevel: RiskLevel | null,
): ChangeMark {
  if (customer.status === 'lapsed' && before !== undefined && before.status !== 'lapsed') return 'gone';
  const then = RANK[previousLevel ?? 'low'];
  const now = RANK[customer.riskLevel];
  if (now >= 1 && then === 0) return 'new-at-risk';
  if (now === 2 && then === 1) return 'escalated';
  if (now === 0 && then >= 1) return 'recovered';
  return 'unchanged';
}

/**
 * What `--fail-on new` stops on: at risk now and not then. A customer who went from low (or not
 * listed) straight to lapsed is marked `gone`, which outranks `new-at-risk`, yet is as new a risk
 * as any; one listed then and absent from this export now is not (it cannot be scored).
 */
export function isNewlyAtRisk(change: CustomerChange): boolean {
  return change.change === 'new-at-risk' || (change.change === 'gone' && (change.previousRiskLevel === null || change.previousRiskLevel === 'low'));
}

/** The previous run's customers of one rep (by the rep it named then), for changes within a rep's book. */
export function previousOfRep(previous: PreviousReport, rep: string): PreviousReport {
  const wanted = repKey(rep);
  const customers = new Map([...previous.customers].filter(([, customer]) => repKey(customer.rep ?? '') === wanted));
  return { ...previous, customers };
}

/** How many customers carry each mark, plus the missing ones as `gone`. */
export function countChanges(changes: RunChanges): Record<ChangeMark, number> {
  const counts: Record<ChangeMark, number> = { 'new-at-risk': 0, escalated: 0, unchanged: 0, recovered: 0, gone: changes.missing.length };
  for (const { change } of changes.byCustomer.values()) counts[change]++;
  return counts;
}

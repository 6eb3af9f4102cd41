import type { CustomerTimeline } from '../../history/customer-timeline.js';
import { lastOrderDay, ordersBetween, revenueBetween } from '../../history/timeline-queries.js';
import type { Day } from '../../ingest/day.js';

/** Who a backtest judges: at least this many orders by the cut-off... */
export const BACKTEST_MIN_ORDERS = 2;
/** ...and an order within this many days before it. */
export const BACKTEST_ACTIVE_DAYS = 365;
/** "Shrunk": revenue in the horizon below this share of the same-length window before the cut-off. */
export const SHRUNK_SHARE = 0.5;

export interface BacktestOutcome {
  readonly customerId: string;
  /** No order in (cut-off, cut-off + horizon]. */
  readonly lapsed: boolean;
  /** Lapsed, or revenue in the horizon below half of the window before. */
  readonly shrunk: boolean;
  /** Revenue in the year before the cut-off: what losing the customer would cost. */
  readonly pastRevenue: number;
}

/** Whether a customer is judged at the cut-off: two or more orders, one of them in the last year. */
export function eligibleAtCutoff(timeline: CustomerTimeline, cutoff: Day): boolean {
  const orders = ordersBetween(timeline, Number.NEGATIVE_INFINITY, cutoff);
  return orders >= BACKTEST_MIN_ORDERS && lastOrderDay(timeline) > cutoff - BACKTEST_ACTIVE_DAYS;
}

/**
 * What happened after the cut-off, read from the customer's timeline as of cut-off + horizon
 * (undefined when the customer has no timeline then, which cannot happen for an eligible one).
 */
export function outcomeAfter(later: CustomerTimeline, cutoff: Day, horizonDays: number): BacktestOutcome {
  const ordersAfter = ordersBetween(later, cutoff, cutoff + horizonDays);
  const revenueAfter = revenueBetween(later, cutoff, cutoff + horizonDays);
  const revenueBefore = revenueBetween(later, cutoff - horizonDays, cutoff);
  const lapsed = ordersAfter === 0;
  return {
    customerId: later.customerId,
    lapsed,
    shrunk: lapsed || revenueAfter < SHRUNK_SHARE * revenueBefore,
    pastRevenue: Math.max(0, revenueBetween(later, cutoff - BACKTEST_ACTIVE_DAYS, cutoff)),
  };
}

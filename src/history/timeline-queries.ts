import type { Day } from '../ingest/day.js';
import type { CustomerTimeline, DayActivity } from './customer-timeline.js';

/** How many days had an order (return-only days excluded). */
export function countOrderDays(timeline: CustomerTimeline): number {
  let count = 0;
  for (const day of timeline.days) if (day.orders > 0) count++;
  return count;
}

/** NaN without orders. Found by a scan, not a filtered copy: every signal asks for it. */
export function firstOrderDay(timeline: CustomerTimeline): Day {
  for (const day of timeline.days) if (day.orders > 0) return day.day;
  return Number.NaN;
}

/** NaN without orders. */
export function lastOrderDay(timeline: CustomerTimeline): Day {
  const { days } = timeline;
  for (let index = days.length - 1; index >= 0; index--) {
    const day = days[index] as DayActivity;
    if (day.orders > 0) return day.day;
  }
  return Number.NaN;
}

/** Net revenue of days in (after, through]. */
export function revenueBetween(timeline: CustomerTimeline, after: Day, through: Day): number {
  let total = 0;
  for (const day of timeline.days) if (day.day > after && day.day <= through) total += day.revenue;
  return total;
}

/** Orders placed on days in (after, through]. */
export function ordersBetween(timeline: CustomerTimeline, after: Day, through: Day): number {
  let total = 0;
  for (const day of timeline.days) if (day.day > after && day.day <= through) total += day.orders;
  return total;
}

/** Days between consecutive order days, oldest first. */
export function orderGapDays(timeline: CustomerTimeline): number[] {
  const gaps: number[] = [];
  let previous: Day | undefined;
  for (const day of timeline.days) {
    if (day.orders <= 0) continue;
    if (previous !== undefined) gaps.push(day.day - previous);
    previous = day.day;
  }
  return gaps;
}

/** The last order day on or before `day`, if any. */
export function lastOrderDayOnOrBefore(timeline: CustomerTimeline, day: Day): Day | undefined {
  let found: Day | undefined;
  for (const activity of timeline.days) {
    if (activity.day > day) break;
    if (activity.orders > 0) found = activity.day;
  }
  return found;
}

/**
 * Revenue per year in the customer's baseline: the year before the recent window, scaled by the part
 * of it the customer was already buying. When that part is shorter than `recentDays` (a customer
 * whose first order came less than about recentDays before the window began), the whole (short)
 * life is annualised instead, over at least `recentDays` so one first order is not multiplied into
 * a fortune.
 */
export function baselineAnnualRevenue(timeline: CustomerTimeline, asOf: Day, recentDays: number, baselineDays: number): number {
  const first = firstOrderDay(timeline);
  const baselineEnd = asOf - recentDays;
  const baselineStart = Math.max(asOf - recentDays - baselineDays, first - 1);
  const observed = baselineEnd - baselineStart;
  if (observed >= recentDays) {
    return Math.max(0, (revenueBetween(timeline, baselineStart, baselineEnd) * 365) / observed);
  }
  const lifeDays = Math.max(recentDays, asOf - first + 1);
  return Math.max(0, (revenueBetween(timeline, first - 1, asOf) * 365) / lifeDays);
}

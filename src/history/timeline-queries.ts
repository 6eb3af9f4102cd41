import type { Day } from '../ingest/day.js';
import type { CustomerTimeline } from './customer-timeline.js';
import { medianOfGaps } from './gap-medians.js';

/** How many days had an order (return-only days excluded). */
export function countOrderDays(timeline: CustomerTimeline): number {
  const { orders } = timeline.days;
  let count = 0;
  for (let index = 0; index < orders.length; index++) if ((orders[index] as number) > 0) count++;
  return count;
}

/** NaN without orders. */
export function firstOrderDay(timeline: CustomerTimeline): Day {
  const { day, orders } = timeline.days;
  for (let index = 0; index < orders.length; index++) if ((orders[index] as number) > 0) return day[index] as Day;
  return Number.NaN;
}

/** NaN without orders. */
export function lastOrderDay(timeline: CustomerTimeline): Day {
  const { day, orders } = timeline.days;
  // The step back is taken on every call (not only past a day of returns), so optimised code has
  // seen it: a rare first return-only last day otherwise deoptimised every signal inlining this.
  for (let index = orders.length; index > 0; ) {
    index -= 1;
    if ((orders[index] as number) > 0) return day[index] as Day;
  }
  return Number.NaN;
}

/** Net revenue of days in (after, through]. */
export function revenueBetween(timeline: CustomerTimeline, after: Day, through: Day): number {
  const { day, revenue } = timeline.days;
  let total = 0;
  for (let index = 0; index < day.length; index++) {
    const at = day[index] as Day;
    if (at > after && at <= through) total += revenue[index] as number;
  }
  return total;
}

/** Orders placed on days in (after, through]. */
export function ordersBetween(timeline: CustomerTimeline, after: Day, through: Day): number {
  const { day, orders } = timeline.days;
  let total = 0;
  for (let index = 0; index < day.length; index++) {
    const at = day[index] as Day;
    if (at > after && at <= through) total += orders[index] as number;
  }
  return total;
}

/** Days between consecutive order days, oldest first. */
export function orderGapDays(timeline: CustomerTimeline): number[] {
  // Counted first: writing may replace the scratch with a longer one.
  const count = writeOrderGaps(timeline);
  return Array.from(gapScratch.subarray(0, count));
}

/**
 * The median of orderGapDays (the same number, without an array of gaps per call); NaN with fewer
 * than two order days.
 */
export function orderGapMedian(timeline: CustomerTimeline): number {
  // A customer's analysis asks for it two or three times (the volume window, the model, the lapsed
  // check), ~1.5 us each at 10M: the last one is kept, by the day columns it was taken of (built
  // once, never changed after).
  if (timeline.days !== lastMedianDays) {
    const count = writeOrderGaps(timeline);
    lastMedian = medianOfGaps(gapScratch, count);
    lastMedianDays = timeline.days;
  }
  return lastMedian;
}

let lastMedianDays: CustomerTimeline['days'] | undefined;
let lastMedian = Number.NaN;

/** Scratch for the gaps, reused from customer to customer. */
let gapScratch = new Float64Array(256);

/** The gaps between consecutive order days into gapScratch (grown when short); returns how many. */
function writeOrderGaps(timeline: CustomerTimeline): number {
  const { day, orders } = timeline.days;
  if (gapScratch.length < day.length) gapScratch = new Float64Array(Math.max(day.length, gapScratch.length * 2));
  let gaps = 0;
  let previous = Number.NaN;
  for (let index = 0; index < day.length; index++) {
    if ((orders[index] as number) <= 0) continue;
    const at = day[index] as Day;
    if (!Number.isNaN(previous)) gapScratch[gaps++] = at - previous;
    previous = at;
  }
  return gaps;
}

/** The last order day on or before `day`, if any. */
export function lastOrderDayOnOrBefore(timeline: CustomerTimeline, onOrBefore: Day): Day | undefined {
  const { day, orders } = timeline.days;
  let found: Day | undefined;
  for (let index = 0; index < day.length; index++) {
    const at = day[index] as Day;
    if (at > onOrBefore) break;
    if ((orders[index] as number) > 0) found = at;
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

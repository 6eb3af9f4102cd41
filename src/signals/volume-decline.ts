import { linearRegression } from 'simple-statistics';
import type { CustomerTimeline } from '../history/customer-timeline.js';
import { firstOrderDay, orderGapMedian } from '../history/timeline-queries.js';
import type { Day } from '../ingest/day.js';
import { clamp01, round, type SignalResult, type SignalWindows } from './signal.js';

/** A drop smaller than this is ordinary noise. */
const IGNORED_DECLINE = 0.15;
/** The drop (beyond the ignored part) at which severity reaches 1. */
const FULL_DECLINE_SPAN = 0.45;
/** Orders expected in the recent window before a drop is trusted in full. */
const ORDERS_FOR_FULL_CONFIDENCE = 5;
/** Most a revenue drop can reach when orders are as large as ever (just fewer). */
const FREQUENCY_ONLY_CAP = 0.6;
const MONTH_DAYS = 30;
/** Share of last year's window the history must cover for a year-on-year comparison. */
const LAST_YEAR_MIN_OBSERVED_SHARE = 2 / 3;
const ORDERS_PER_WINDOW = 5;
const TREND_MONTHS = 12;

/**
 * Revenue in the recent window against the customer's own past: the same window a year earlier
 * once the history reaches back that far (so a seasonal buyer in its quiet months is compared with
 * last year's quiet months), else the baseline year before the window, scaled to the window. Order
 * size is compared with the baseline year, and a drop that is only fewer orders is capped, leaving
 * that story to the gap signal.
 */
export function volumeDecline(timeline: CustomerTimeline, asOf: Day, windows: SignalWindows): SignalResult {
  const { baselineDays } = windows;
  const recentDays = comparisonWindowDays(timeline, windows.recentDays);
  const recentStart = asOf - recentDays;
  const first = firstOrderDay(timeline);
  const baselineStart = Math.max(recentStart - baselineDays, first - 1);
  const baselineObservedDays = recentStart - baselineStart;
  if (baselineObservedDays < recentDays) {
    return { id: 'volume_decline', severity: 0, evidence: { baselineDays: Math.max(0, baselineObservedDays) } };
  }
  const scale = recentDays / baselineObservedDays;
  // The same window a year earlier counts once the customer was buying for most of it (13 months
  // of history for a 90-day window); a partly observed window is scaled up to its full length.
  const lastYearStart = Math.max(recentStart - 365, first - 1);
  const lastYearObserved = asOf - 365 - lastYearStart;
  const hasLastYear = lastYearObserved >= LAST_YEAR_MIN_OBSERVED_SHARE * recentDays;
  const lastYearScale = hasLastYear ? recentDays / lastYearObserved : Number.NaN;

  // The three windows (each a (start, end] range) summed in one pass, in day order as revenueBetween sums.
  let recentRevenue = 0;
  let recentOrders = 0;
  let baselineRevenueSum = 0;
  let baselineOrdersSum = 0;
  let lastYearRevenueSum = 0;
  let lastYearOrdersSum = 0;
  const { day, orders, revenue } = timeline.days;
  for (let index = 0; index < day.length; index++) {
    const at = day[index] as Day;
    if (at > recentStart && at <= asOf) {
      recentRevenue += revenue[index] as number;
      recentOrders += orders[index] as number;
    }
    if (at > baselineStart && at <= recentStart) {
      baselineRevenueSum += revenue[index] as number;
      baselineOrdersSum += orders[index] as number;
    }
    if (at > lastYearStart && at <= asOf - 365) {
      lastYearRevenueSum += revenue[index] as number;
      lastYearOrdersSum += orders[index] as number;
    }
  }
  const baselineRevenue = baselineRevenueSum * scale;
  const baselineOrders = baselineOrdersSum * scale;
  const lastYearRevenue = hasLastYear ? lastYearRevenueSum * lastYearScale : Number.NaN;
  const lastYearOrders = hasLastYear ? lastYearOrdersSum * lastYearScale : Number.NaN;

  // With a year of history before the window, the same months a year earlier are the fair
  // comparison: a seasonal buyer's quiet quarter is compared with last year's quiet quarter.
  const comparedWithLastYear = hasLastYear;
  const comparedRevenue = comparedWithLastYear ? lastYearRevenue : baselineRevenue;
  const comparedOrders = comparedWithLastYear ? lastYearOrders : baselineOrders;
  const decline = clamp01(1 - ratio(recentRevenue, comparedRevenue));
  // A drop from one or two orders is weak evidence; it takes a few to trust it.
  const confidence = clamp01(comparedOrders / ORDERS_FOR_FULL_CONFIDENCE);
  // Smaller orders are this signal's own story; fewer orders is the gap signal's, so a decline that
  // comes only from ordering less often is capped below what smaller orders can reach.
  // Order size is compared with the whole baseline year: one quarter holds too few orders for an average.
  const recentOrderValue = recentOrders > 0 ? recentRevenue / recentOrders : Number.NaN;
  const baselineOrderValue = baselineOrders > 0 ? baselineRevenue / baselineOrders : Number.NaN;
  const orderValueDecline = clamp01(1 - recentOrderValue / baselineOrderValue);
  const orderValueConfidence = clamp01(recentOrders / ORDERS_FOR_FULL_CONFIDENCE);
  // Fewer orders counts only when the drop in count is beyond Poisson noise (5 -> 3 is not).
  const countDropSpreads = (comparedOrders - recentOrders) / Math.sqrt(Math.max(comparedOrders, 1));
  const countSignificance = clamp01((countDropSpreads - 1) / 2);
  const severity = Math.max(
    Math.min(declineSeverity(orderValueDecline) * orderValueConfidence, declineSeverity(decline)),
    FREQUENCY_ONLY_CAP * declineSeverity(decline) * countSignificance,
  ) * confidence;

  return {
    id: 'volume_decline',
    severity: round(severity, 3),
    evidence: {
      declinePct: round(decline * 100, 1),
      recentRevenue: round(recentRevenue),
      comparedRevenue: round(comparedRevenue),
      comparedWithLastYear: comparedWithLastYear ? 1 : 0,
      recentOrders,
      comparedOrders: round(comparedOrders, 1),
      recentDays,
      orderValueDeclinePct: round(orderValueDecline * 100, 1),
      monthlyTrendPct: round(monthlyTrendPct(timeline, asOf) * 100, 1),
    },
  };
}

/**
 * The recent window, widened for slow buyers so it holds about ORDERS_PER_WINDOW orders: two
 * orders of a monthly buyer say little. Whole 30-day months, from `recentDays` up to twice that.
 */
export function comparisonWindowDays(timeline: CustomerTimeline, recentDays: number): number {
  const medianGap = orderGapMedian(timeline);
  if (Number.isNaN(medianGap)) return recentDays;
  const wanted = Math.ceil((ORDERS_PER_WINDOW * medianGap) / MONTH_DAYS) * MONTH_DAYS;
  return Math.min(2 * recentDays, Math.max(recentDays, wanted));
}

function declineSeverity(decline: number): number {
  return clamp01((decline - IGNORED_DECLINE) / FULL_DECLINE_SPAN);
}

/** Recent / reference, where "no reference revenue" means nothing to lose (ratio 1). */
function ratio(recent: number, reference: number): number {
  if (reference <= 0) return 1;
  return Math.max(0, recent) / reference;
}

/**
 * Slope of revenue per 30-day month over the last year, as a share of the average month
 * (-0.05 = losing 5% of an average month every month). 30-day months ending at the as-of date
 * keep a half-finished calendar month from looking like a drop.
 */
export function monthlyTrendPct(timeline: CustomerTimeline, asOf: Day): number {
  const months = new Float64Array(TREND_MONTHS);
  const { day, revenue } = timeline.days;
  for (let index = 0; index < day.length; index++) {
    const monthsBack = Math.floor((asOf - (day[index] as Day)) / MONTH_DAYS);
    if (monthsBack >= 0 && monthsBack < TREND_MONTHS) {
      const month = TREND_MONTHS - 1 - monthsBack;
      months[month] = (months[month] as number) + (revenue[index] as number);
    }
  }
  let total = 0;
  for (const value of months) total += value;
  const average = total / TREND_MONTHS;
  if (average <= 0) return 0;
  const points: [number, number][] = [];
  for (let index = 0; index < TREND_MONTHS; index++) points.push([index, months[index] as number]);
  const { m } = linearRegression(points);
  return m / average;
}

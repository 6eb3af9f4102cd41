import { linearRegression } from 'simple-statistics';
import type { CustomerTimeline } from '../history/customer-timeline.js';
import { firstOrderDay, ordersBetween, revenueBetween } from '../history/timeline-queries.js';
import type { Day } from '../ingest/day.js';
import { clamp01, round, type SignalResult, type SignalWindows } from './signal.js';

/** A drop smaller than this is ordinary noise. */
const IGNORED_DECLINE = 0.15;
/** The drop (beyond the ignored part) at which severity reaches 1. */
const FULL_DECLINE_SPAN = 0.45;
/** Orders expected in the recent window before a drop is trusted in full. */
const ORDERS_FOR_FULL_CONFIDENCE = 5;
/** Most a revenue drop can reach when orders are as large as ever (just fewer). */
const FREQUENCY_ONLY_CAP = 0.75;
const MONTH_DAYS = 30;
const TREND_MONTHS = 12;

/**
 * Revenue in the recent window against the customer's own baseline (the year before, scaled to the
 * window) and, once the customer has a year of history before the window, against the same window a
 * year earlier. The milder of the two comparisons counts, so a seasonal buyer in its quiet months
 * (quiet last year too) is not flagged, and neither is a buyer whose last year was unusually big
 * in just that quarter.
 */
export function volumeDecline(timeline: CustomerTimeline, asOf: Day, windows: SignalWindows): SignalResult {
  const { recentDays, baselineDays } = windows;
  const recentStart = asOf - recentDays;
  const first = firstOrderDay(timeline);
  const baselineStart = Math.max(recentStart - baselineDays, first - 1);
  const baselineObservedDays = recentStart - baselineStart;
  if (baselineObservedDays < recentDays) {
    return { id: 'volume_decline', severity: 0, evidence: { baselineDays: Math.max(0, baselineObservedDays) } };
  }
  const scale = recentDays / baselineObservedDays;
  const recentRevenue = revenueBetween(timeline, recentStart, asOf);
  const recentOrders = ordersBetween(timeline, recentStart, asOf);
  const baselineRevenue = revenueBetween(timeline, baselineStart, recentStart) * scale;
  const baselineOrders = ordersBetween(timeline, baselineStart, recentStart) * scale;

  const hasLastYear = first - 1 <= recentStart - 365;
  const lastYearRevenue = hasLastYear ? revenueBetween(timeline, recentStart - 365, asOf - 365) : Number.NaN;
  const lastYearOrders = hasLastYear ? ordersBetween(timeline, recentStart - 365, asOf - 365) : Number.NaN;

  const baselineRatio = ratio(recentRevenue, baselineRevenue);
  const lastYearRatio = hasLastYear ? ratio(recentRevenue, lastYearRevenue) : Number.NaN;
  const comparedWithLastYear = hasLastYear && lastYearRatio > baselineRatio;
  const revenueRatio = comparedWithLastYear ? lastYearRatio : baselineRatio;
  const comparedRevenue = comparedWithLastYear ? lastYearRevenue : baselineRevenue;
  const comparedOrders = comparedWithLastYear ? lastYearOrders : baselineOrders;

  const decline = clamp01(1 - revenueRatio);
  const confidence = clamp01(Math.max(comparedOrders, baselineOrders) / ORDERS_FOR_FULL_CONFIDENCE);
  // Smaller orders are this signal's own story; fewer orders is the gap signal's, so a decline that
  // comes only from ordering less often is capped below what smaller orders can reach.
  // Order size is compared with the whole baseline year: one quarter holds too few orders for an average.
  const recentOrderValue = recentOrders > 0 ? recentRevenue / recentOrders : Number.NaN;
  const baselineOrderValue = baselineOrders > 0 ? baselineRevenue / baselineOrders : Number.NaN;
  const orderValueDecline = clamp01(1 - recentOrderValue / baselineOrderValue);
  const orderValueConfidence = clamp01(recentOrders / ORDERS_FOR_FULL_CONFIDENCE);
  const severity = Math.max(
    Math.min(declineSeverity(orderValueDecline) * orderValueConfidence, declineSeverity(decline)),
    FREQUENCY_ONLY_CAP * declineSeverity(decline),
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
  const months = new Array<number>(TREND_MONTHS).fill(0);
  for (const day of timeline.days) {
    const monthsBack = Math.floor((asOf - day.day) / MONTH_DAYS);
    if (monthsBack >= 0 && monthsBack < TREND_MONTHS) {
      const index = TREND_MONTHS - 1 - monthsBack;
      months[index] = (months[index] ?? 0) + day.revenue;
    }
  }
  const average = months.reduce((sum, value) => sum + value, 0) / TREND_MONTHS;
  if (average <= 0) return 0;
  const { m } = linearRegression(months.map((value, index) => [index, value]));
  return m / average;
}

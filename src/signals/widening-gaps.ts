import { median } from 'simple-statistics';
import type { CustomerTimeline } from '../history/customer-timeline.js';
import { firstOrderDay, lastOrderDay, lastOrderDayOnOrBefore, orderGapDays } from '../history/timeline-queries.js';
import type { Day } from '../ingest/day.js';
import { clamp01, round, type SignalResult, type SignalWindows } from './signal.js';

/** Gaps needed before a cadence means anything. */
const MIN_GAPS = 3;
/** The cadence is learned from gaps that ended before this many days ago, so a slowdown does not set its own bar. */
const CADENCE_LOOKBACK_DAYS = 120;
/** Gaps that ended within this many days are "recent". */
const RECENT_GAP_DAYS = 180;
const RECENT_GAPS_MAX = 4;
/**
 * Floor of the spread of log-gaps. Even a clockwork customer slips a few days; without a floor,
 * two days late would look like a catastrophe.
 */
const MIN_LOG_SPREAD = 0.25;
/** A spread learned from few gaps is itself uncertain. */
const FEW_GAPS_LOG_SPREAD = 0.4;
const FEW_GAPS = 6;
/** Spreads (z) up to this are within the customer's own rhythm. */
const IGNORED_Z = 1;
/** Spreads beyond IGNORED_Z at which severity reaches 1. */
const FULL_Z_SPAN = 2;
/** Last year's silence at this point counts as "the same" when it was at least this share of today's. */
const SEASONAL_SILENCE_SHARE = 0.75;

/**
 * How overdue the customer is for their own cadence, and whether recent gaps are longer than
 * their usual ones. Both are measured in units of the customer's own spread of (log) gaps, so an
 * erratic-but-steady buyer has a wide tolerance and a clockwork buyer a narrow one. A silence the
 * customer also kept at the same time last year (a seasonal buyer off-season) is not overdue.
 */
export function wideningGaps(timeline: CustomerTimeline, asOf: Day, _windows: SignalWindows): SignalResult {
  const gaps = orderGapDays(timeline);
  const last = lastOrderDay(timeline);
  const daysSinceLastOrder = asOf - last;
  if (gaps.length < MIN_GAPS) {
    return { id: 'widening_gaps', severity: 0, evidence: { daysSinceLastOrder, gapCount: gaps.length } };
  }
  const gapEnds = gapEndDays(timeline);
  let reference = gaps.filter((_, i) => (gapEnds[i] as Day) <= asOf - CADENCE_LOOKBACK_DAYS);
  if (reference.length < MIN_GAPS) reference = gaps.slice(0, Math.max(2, gaps.length - 2));
  const ownGapDays = median(reference);
  const seasonGapDays = sameSeasonLastYearGapDays(timeline, asOf);
  // Off-season a seasonal buyer's cadence is last year's off-season cadence, not their busy-season one.
  const usualGapDays = Math.max(ownGapDays, seasonGapDays);
  const logSpread = Math.max(
    reference.length < FEW_GAPS ? FEW_GAPS_LOG_SPREAD : MIN_LOG_SPREAD,
    1.4826 * median(reference.map((gap) => Math.abs(Math.log(gap / ownGapDays)))),
  );

  const overdueZ = Math.log(Math.max(daysSinceLastOrder, 1) / usualGapDays) / logSpread;

  const recent = gaps.filter((_, i) => (gapEnds[i] as Day) > asOf - RECENT_GAP_DAYS).slice(-RECENT_GAPS_MAX);
  // The open gap is a gap too once it is longer than usual: it can only grow.
  if (daysSinceLastOrder > usualGapDays) recent.push(daysSinceLastOrder);
  const recentGapDays = recent.length === 0 ? Number.NaN : geometricMean(recent);
  const trendZ = recent.length === 0 ? 0 : Math.log(recentGapDays / usualGapDays) / logSpread;

  // The same stretch a year earlier: a seasonal buyer had the same long gaps then.
  const lastYearRecent = gaps.filter((_, i) => {
    const end = gapEnds[i] as Day;
    return end > asOf - 365 - RECENT_GAP_DAYS && end <= asOf - 365;
  });
  const lastYearGapDays = lastYearRecent.length === 0 ? Number.NaN : geometricMean(lastYearRecent);
  const seasonalGaps = lastYearGapDays >= SEASONAL_SILENCE_SHARE * recentGapDays;

  const seasonalSilence = silentAtThisTimeLastYear(timeline, asOf, daysSinceLastOrder, usualGapDays);
  const overdueSeverity = seasonalSilence ? 0 : zSeverity(overdueZ);
  const trendSeverity = seasonalSilence || seasonalGaps ? 0 : zSeverity(trendZ);
  const severity = Math.max(overdueSeverity, trendSeverity);

  return {
    id: 'widening_gaps',
    severity: round(severity, 3),
    evidence: {
      daysSinceLastOrder,
      usualGapDays: round(usualGapDays, 1),
      sameSeasonGapDays: round(seasonGapDays, 1),
      overdueRatio: round(daysSinceLastOrder / usualGapDays, 2),
      overdueZ: round(overdueZ, 2),
      recentGapDays: Number.isNaN(recentGapDays) ? 0 : round(recentGapDays, 1),
      trendZ: round(trendZ, 2),
      gapSpread: round(logSpread, 2),
      gapCount: gaps.length,
      lastYearGapDays: Number.isNaN(lastYearGapDays) ? 0 : round(lastYearGapDays, 1),
      seasonalSilence: seasonalSilence ? 1 : 0,
      overdueLeads: overdueSeverity >= trendSeverity ? 1 : 0,
    },
  };
}

/** Half-width of "the same time last year", in days. */
const SEASON_HALF_WIDTH_DAYS = 45;

/**
 * Median length of the gaps that overlapped the same weeks a year ago (0 without that history).
 * A gap overlaps when it started before the window ended and ended after it began.
 */
export function sameSeasonLastYearGapDays(timeline: CustomerTimeline, asOf: Day): number {
  const windowStart = asOf - 365 - SEASON_HALF_WIDTH_DAYS;
  const windowEnd = asOf - 365 + SEASON_HALF_WIDTH_DAYS;
  if (firstOrderDay(timeline) > windowStart) return 0;
  const days = timeline.days.filter((day) => day.orders > 0).map((day) => day.day);
  const overlapping: number[] = [];
  for (let i = 1; i < days.length; i++) {
    const start = days[i - 1] as Day;
    const end = days[i] as Day;
    if (start < windowEnd && end > windowStart) overlapping.push(end - start);
  }
  return overlapping.length === 0 ? 0 : median(overlapping);
}

function zSeverity(z: number): number {
  return clamp01((z - IGNORED_Z) / FULL_Z_SPAN);
}

function gapEndDays(timeline: CustomerTimeline): Day[] {
  return timeline.days.filter((day) => day.orders > 0).slice(1).map((day) => day.day);
}

function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, value) => sum + Math.log(Math.max(value, 1)), 0) / values.length);
}

/**
 * True when, a year ago, the customer had also gone without an order for about as long as now,
 * and that silence was itself long for them: the mark of a seasonal buyer between seasons.
 */
export function silentAtThisTimeLastYear(
  timeline: CustomerTimeline,
  asOf: Day,
  daysSinceLastOrder: number,
  usualGapDays: number,
): boolean {
  if (daysSinceLastOrder <= usualGapDays) return false;
  const yearAgo = asOf - 365;
  if (firstOrderDay(timeline) > yearAgo - daysSinceLastOrder) return false;
  const lastBefore = lastOrderDayOnOrBefore(timeline, yearAgo);
  if (lastBefore === undefined) return false;
  return yearAgo - lastBefore >= SEASONAL_SILENCE_SHARE * daysSinceLastOrder;
}

import { median } from 'simple-statistics';
import type { CustomerTimeline } from '../history/customer-timeline.js';
import { firstOrderDay, lastOrderDay, ordersBetween } from '../history/timeline-queries.js';
import type { Day } from '../ingest/day.js';
import { clamp01, round, type SignalResult, type SignalWindows } from './signal.js';

/** Gaps needed before a cadence means anything (a new customer's first few orders show none). */
const MIN_GAPS = 5;
/** From this many gaps on, the cadence is trusted in full. */
const GAPS_FOR_FULL_CONFIDENCE = 20;
/** The cadence is learned from gaps that ended before this many days ago, so a slowdown does not set its own bar. */
const CADENCE_LOOKBACK_DAYS = 120;
/** Closed gaps that ended within this many days are "recent"; at most RECENT_GAPS_MAX of them. */
const RECENT_GAP_DAYS = 180;
const RECENT_GAPS_MAX = 4;
/**
 * Floor of the spread of log-gaps. Even a clockwork customer slips a few days; without a floor,
 * two days late would look like a catastrophe.
 */
const MIN_LOG_SPREAD = 0.25;
/** A spread learned from few gaps is itself uncertain. */
const FEW_GAPS_LOG_SPREAD = 0.4;
const FEW_GAPS = 8;
/** Spreads (z) up to this are within the customer's own rhythm... */
const IGNORED_Z = 1;
/** ...and this many spreads beyond it, severity reaches 1. */
const FULL_Z_SPAN = 2;
/** Recent gaps are seasonal, not widening, when the customer placed at least this share of last year's orders over the same weeks. */
const SEASONAL_GAP_SHARE = 0.75;
/** A drop in orders over the span must exceed this many Poisson spreads of last year's count. */
const SPAN_DROP_SPREADS = 1.5;
/** Earlier years looked at for the same stretch of the calendar. */
const SEASONAL_YEARS_BACK = 2;
/**
 * Orders placed in the same stretch of earlier years, as a share of what the cadence predicts for
 * it: up to QUIET the silence is a seasonal lull (not overdue at all); over SPAN more, the
 * overdue severity is allowed back up to 1.
 */
const SEASONAL_QUIET_SHARE = 0.3;
const SEASONAL_FULL_SHARE_SPAN = 0.4;

/**
 * How overdue the customer is for their own cadence, and whether recent gaps are longer than
 * their usual ones. Both are measured in units of the customer's own spread of (log) gaps, so an
 * erratic-but-steady buyer has a wide tolerance and a clockwork buyer a narrow one. With a year
 * or more of history, the calendar is asked too: a silence over a stretch in which the customer
 * hardly ordered in earlier years (a seasonal buyer between seasons) is not overdue, and recent
 * gaps as long as last year's over the same weeks are not widening.
 */
export function wideningGaps(timeline: CustomerTimeline, asOf: Day, _windows: SignalWindows): SignalResult {
  // Order days, their gaps, and the gaps that ended before the look-back: one pass, no copies.
  const days: Day[] = [];
  const gaps: number[] = [];
  let reference: number[] = [];
  const { day, orders } = timeline.days;
  for (let index = 0; index < day.length; index++) {
    if ((orders[index] as number) <= 0) continue;
    const at = day[index] as Day;
    if (days.length > 0) {
      const gap = at - (days[days.length - 1] as Day);
      gaps.push(gap);
      if (at <= asOf - CADENCE_LOOKBACK_DAYS) reference.push(gap);
    }
    days.push(at);
  }
  const last = lastOrderDay(timeline);
  const daysSinceLastOrder = asOf - last;
  if (gaps.length < MIN_GAPS) {
    return { id: 'widening_gaps', severity: 0, evidence: { daysSinceLastOrder, gapCount: gaps.length } };
  }
  if (reference.length < MIN_GAPS) reference = gaps.slice(0, gaps.length - 2);
  const usualGapDays = median(reference);
  const logDeviations: number[] = [];
  for (const gap of reference) logDeviations.push(Math.abs(Math.log(gap / usualGapDays)));
  const logSpread = Math.max(reference.length < FEW_GAPS ? FEW_GAPS_LOG_SPREAD : MIN_LOG_SPREAD, 1.4826 * median(logDeviations));

  // Overdue: the open gap against the cadence, unless earlier years were as quiet at this time.
  const overdueZ = Math.log(Math.max(daysSinceLastOrder, 1) / usualGapDays) / logSpread;
  const lastYearOrders = ordersInSameStretchEarlierYears(timeline, last, asOf);
  const cadenceOrders = daysSinceLastOrder / usualGapDays;
  const stretchShare = lastYearOrders === undefined ? Number.POSITIVE_INFINITY : lastYearOrders / Math.max(cadenceOrders, 1);
  const seasonalCap = clamp01((stretchShare - SEASONAL_QUIET_SHARE) / SEASONAL_FULL_SHARE_SPAN);
  const overdueSeverity = Math.min(zSeverity(overdueZ), seasonalCap);
  const seasonalSilence = stretchShare <= SEASONAL_QUIET_SHARE && daysSinceLastOrder > usualGapDays;

  // Widening: recent closed gaps against the cadence, unless last year's gaps over the same weeks were as long.
  // The last RECENT_GAPS_MAX gaps that ended within RECENT_GAP_DAYS (gap i ends on days[i + 1]).
  let firstRecent = gaps.length;
  while (firstRecent > 0 && gaps.length - firstRecent < RECENT_GAPS_MAX && (days[firstRecent] as Day) > asOf - RECENT_GAP_DAYS) firstRecent--;
  const recent = gaps.slice(firstRecent);
  const recentGapDays = recent.length === 0 ? Number.NaN : geometricMean(recent);
  const trendZ = recent.length === 0 ? 0 : Math.log(recentGapDays / usualGapDays) / logSpread;
  // Seasonal check: over the weeks the recent gaps span, did the customer order about as often last year?
  const spanStart = recent.length === 0 ? asOf : (days[firstRecent] as Day);
  const hasLastYearSpan = (days[0] as Day) <= spanStart - 365;
  const spanOrders = ordersBetween(timeline, spanStart, asOf);
  const lastYearSpanOrders = hasLastYearSpan ? ordersBetween(timeline, spanStart - 365, asOf - 365) : Number.NaN;
  // Few orders either way are noise: only a drop of clearly more than chance counts as widening.
  const spanDrop = lastYearSpanOrders - spanOrders;
  const seasonalGaps =
    spanOrders >= SEASONAL_GAP_SHARE * lastYearSpanOrders ||
    spanDrop < Math.max(2, SPAN_DROP_SPREADS * Math.sqrt(lastYearSpanOrders));
  const trendSeverity = seasonalGaps ? 0 : zSeverity(trendZ);

  // A cadence read from a handful of gaps is a guess: trust grows with the number of gaps.
  const cadenceConfidence = clamp01((gaps.length - MIN_GAPS + 1) / (GAPS_FOR_FULL_CONFIDENCE - MIN_GAPS + 1));
  const severity = Math.max(overdueSeverity, trendSeverity) * cadenceConfidence;
  return {
    id: 'widening_gaps',
    severity: round(severity, 3),
    evidence: {
      daysSinceLastOrder,
      usualGapDays: round(usualGapDays, 1),
      overdueRatio: round(daysSinceLastOrder / usualGapDays, 2),
      overdueZ: round(overdueZ, 2),
      recentGapDays: Number.isNaN(recentGapDays) ? 0 : round(recentGapDays, 1),
      trendZ: round(trendZ, 2),
      gapSpread: round(logSpread, 2),
      gapCount: gaps.length,
      cadenceConfidence: round(cadenceConfidence, 2),
      ...(lastYearOrders === undefined ? {} : { ordersSameStretchEarlierYears: round(lastYearOrders, 1) }),
      ...(hasLastYearSpan ? { recentSpanOrders: spanOrders, lastYearSpanOrders } : {}),
      seasonalSilence: seasonalSilence ? 1 : 0,
      overdueLeads: overdueSeverity >= trendSeverity ? 1 : 0,
    },
  };
}

function zSeverity(z: number): number {
  return clamp01((z - IGNORED_Z) / FULL_Z_SPAN);
}

function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, value) => sum + Math.log(Math.max(value, 1)), 0) / values.length);
}

/**
 * Orders the customer placed in the same calendar stretch as the current silence (the day after
 * the last order to the as-of date) in earlier years, averaged over the years the history covers;
 * undefined without a full year before the silence began. A seasonal buyer between seasons placed
 * few or none; a regular buyer placed many.
 */
export function ordersInSameStretchEarlierYears(timeline: CustomerTimeline, lastOrder: Day, asOf: Day): number | undefined {
  const first = firstOrderDay(timeline);
  let years = 0;
  let orders = 0;
  for (let back = 1; back <= SEASONAL_YEARS_BACK; back++) {
    const from = lastOrder - 365 * back;
    if (first > from) break;
    years++;
    orders += ordersBetween(timeline, from, asOf - 365 * back);
  }
  return years === 0 ? undefined : orders / years;
}

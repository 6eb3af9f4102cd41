import type { CustomerTimeline } from '../history/customer-timeline.js';
import { gapCadence } from '../history/gap-medians.js';
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
 * Orders in the same stretch of earlier years (a year's average) beyond which a silence is not a
 * lull whatever the cadence says: up to QUIET it may be (none in a stretch that held two has a
 * chance of one in seven), and from QUIET + SPAN on (four orders, where none by chance has a
 * probability under 2%) the overdue severity is allowed up to 1. A buyer who orders weekly in
 * season and has missed this season's first weeks placed a handful of orders over the same weeks
 * last year: few against a weekly cadence over the whole silence, yet too many to miss by chance.
 */
const SEASONAL_QUIET_ORDERS = 2;
const SEASONAL_FULL_ORDERS_SPAN = 2;
/** A silence longer than this has gone past the time of year it began in: no season explains it. */
const SEASONAL_MAX_SILENCE_DAYS = 365;

/**
 * How overdue the customer is for their own cadence, and whether recent gaps are longer than
 * their usual ones. Both are measured in units of the customer's own spread of (log) gaps, so an
 * erratic-but-steady buyer has a wide tolerance and a clockwork buyer a narrow one. With a year
 * or more of history, the calendar is asked too: a silence over a stretch in which the customer
 * hardly ordered in earlier years (a seasonal buyer between seasons) is not overdue, and recent
 * gaps as long as last year's over the same weeks are not widening.
 */
export function wideningGaps(timeline: CustomerTimeline, asOf: Day, _windows: SignalWindows): SignalResult {
  // Order days and their gaps in one pass, into scratch. The gaps that ended before the look-back
  // are the first `referenceCount` (days ascend), so the reference is a count, not a copy.
  const { day, orders } = timeline.days;
  if (orderDayScratch.length < day.length) growScratch(day.length);
  const days = orderDayScratch;
  const gaps = gapScratch;
  let dayCount = 0;
  let gapCount = 0;
  let referenceCount = 0;
  for (let index = 0; index < day.length; index++) {
    if ((orders[index] as number) <= 0) continue;
    const at = day[index] as Day;
    if (dayCount > 0) {
      gaps[gapCount++] = at - (days[dayCount - 1] as Day);
      if (at <= asOf - CADENCE_LOOKBACK_DAYS) referenceCount = gapCount;
    }
    days[dayCount++] = at;
  }
  const last = lastOrderDay(timeline);
  const daysSinceLastOrder = asOf - last;
  if (gapCount < MIN_GAPS) {
    return { id: 'widening_gaps', severity: 0, evidence: { daysSinceLastOrder, gapCount } };
  }
  if (referenceCount < MIN_GAPS) referenceCount = gapCount - 2;
  const cadence = gapCadence(gaps, referenceCount);
  const usualGapDays = cadence.medianGap;
  const logSpread = Math.max(referenceCount < FEW_GAPS ? FEW_GAPS_LOG_SPREAD : MIN_LOG_SPREAD, 1.4826 * cadence.medianLogDeviation);

  // Overdue: the open gap against the cadence, unless earlier years were as quiet at this time.
  const overdueZ = Math.log(Math.max(daysSinceLastOrder, 1) / usualGapDays) / logSpread;
  const lastYearOrders = daysSinceLastOrder > SEASONAL_MAX_SILENCE_DAYS ? undefined : ordersInSameStretchEarlierYears(timeline, last, asOf);
  const cadenceOrders = daysSinceLastOrder / usualGapDays;
  const stretchShare = lastYearOrders === undefined ? Number.POSITIVE_INFINITY : lastYearOrders / Math.max(cadenceOrders, 1);
  const seasonalCap =
    lastYearOrders === undefined
      ? 1
      : Math.max(
          clamp01((stretchShare - SEASONAL_QUIET_SHARE) / SEASONAL_FULL_SHARE_SPAN),
          clamp01((lastYearOrders - SEASONAL_QUIET_ORDERS) / SEASONAL_FULL_ORDERS_SPAN),
        );
  const overdueSeverity = Math.min(zSeverity(overdueZ), seasonalCap);
  const seasonalSilence = seasonalCap === 0 && daysSinceLastOrder > usualGapDays;

  // Widening: recent closed gaps against the cadence, unless last year's gaps over the same weeks were as long.
  // The last RECENT_GAPS_MAX gaps that ended within RECENT_GAP_DAYS (gap i ends on days[i + 1]).
  let firstRecent = gapCount;
  while (firstRecent > 0 && gapCount - firstRecent < RECENT_GAPS_MAX && (days[firstRecent] as Day) > asOf - RECENT_GAP_DAYS) firstRecent--;
  const recentCount = gapCount - firstRecent;
  const recentGapDays = recentCount === 0 ? Number.NaN : geometricMean(gaps, firstRecent, gapCount);
  const trendZ = recentCount === 0 ? 0 : Math.log(recentGapDays / usualGapDays) / logSpread;
  // Seasonal check: over the weeks the recent gaps span, did the customer order about as often last year?
  const spanStart = recentCount === 0 ? asOf : (days[firstRecent] as Day);
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
  const cadenceConfidence = clamp01((gapCount - MIN_GAPS + 1) / (GAPS_FOR_FULL_CONFIDENCE - MIN_GAPS + 1));
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
      gapCount,
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

/** Of values[from] to values[to - 1], summed in order. */
function geometricMean(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let index = from; index < to; index++) sum += Math.log(Math.max(values[index] as number, 1));
  return Math.exp(sum / (to - from));
}

/**
 * Scratch for a customer's order days and gaps, reused from customer to customer (signals run one
 * customer at a time): arrays grown anew for each customer were two fifths of all the memory a
 * book's analysis allocated.
 */
let orderDayScratch = new Float64Array(256);
let gapScratch = new Float64Array(256);

function growScratch(days: number): void {
  const length = Math.max(days, orderDayScratch.length * 2);
  orderDayScratch = new Float64Array(length);
  gapScratch = new Float64Array(length);
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

import type { CustomerTimeline, DayColumns } from '../history/customer-timeline.js';
import type { Day } from '../ingest/day.js';
import { clamp01, round, type SignalResult, type SignalWindows } from './signal.js';

/** A line is "regular" when it was in at least this share of the customer's orders... */
const REGULAR_LINE_SHARE = 0.3;
/** ...and in at least this many of them. */
const REGULAR_LINE_MIN_ORDERS = 3;
/** Orders placed since a line's last purchase before its absence means anything. */
const MIN_ORDERS_SINCE = 3;
/**
 * A regular line is "stopped" when its absence would happen by chance less often than this. Strict,
 * because a book has many customer-lines to test and a loose bar flags some by chance.
 */
const CHANCE_OF_ABSENCE = 0.01;
/** A line missing for less time than this may just be skipped: a split shows over weeks, not days. */
const MIN_DAYS_SINCE = 42;
/** Lines stopped longer ago than this are old news, not a current move. */
const STOPPED_WITHIN_DAYS = 365;
/** A lost share up to this is noise-level; severity reaches 1 at IGNORED + SPAN. */
const IGNORED_LOST_SHARE = 0.05;
const FULL_LOST_SHARE_SPAN = 0.25;
/** Drop in lines per order that is ignored, and the span beyond it to severity 1. */
const IGNORED_NARROWING = 0.25;
const FULL_NARROWING_SPAN = 0.5;
/** Narrower baskets alone are weaker evidence than lines that stopped outright. */
const NARROWING_WEIGHT = 0.6;

/**
 * Product lines the customer bought regularly and has since stopped buying while still ordering
 * other things: part of the wallet has gone to a competitor. Each line's regularity and share of
 * spend are measured over the year before its last purchase; a line counts as stopped once the
 * orders placed without it would be very unlikely by chance. Also: fewer distinct lines per order
 * in the recent window than in the baseline.
 */
export function splitPurchasing(timeline: CustomerTimeline, asOf: Day, windows: SignalWindows): SignalResult {
  const { days } = timeline;
  const { day, orders, lineStart, lineProduct, lineRevenue } = days;
  // Per product line (its place in days.productLines), the last order day it was bought on; NaN: never.
  const lastBought = new Float64Array(days.productLines.length).fill(Number.NaN);
  let hasLines = false;
  for (let index = 0; index < day.length; index++) {
    if ((orders[index] as number) <= 0) continue;
    const end = lineStart[index + 1] as number;
    if (end > (lineStart[index] as number)) hasLines = true;
    for (let line = lineStart[index] as number; line < end; line++) {
      if ((lineRevenue[line] as number) > 0) lastBought[lineProduct[line] as number] = day[index] as Day;
    }
  }
  if (!hasLines) {
    return { id: 'split_purchasing', severity: 0, evidence: { productLines: 0 } };
  }

  let productLinesBought = 0;
  const stopped: StoppedLine[] = [];
  lastBought.forEach((lastDay, place) => {
    if (Number.isNaN(lastDay)) return;
    productLinesBought++;
    if (lastDay < asOf - STOPPED_WITHIN_DAYS || lastDay > asOf - MIN_DAYS_SINCE) return;
    const line = stoppedLine(days, place, lastDay, asOf);
    if (line !== undefined) stopped.push(line);
  });
  stopped.sort((a, b) => b.share - a.share || (a.productLine < b.productLine ? -1 : 1));
  let sharesLost = 0;
  let ordersSinceStopped = Number.POSITIVE_INFINITY;
  let lastStoppedDay = Number.NEGATIVE_INFINITY;
  for (const line of stopped) {
    sharesLost += line.share;
    ordersSinceStopped = Math.min(ordersSinceStopped, line.ordersSince);
    lastStoppedDay = Math.max(lastStoppedDay, line.lastDay);
  }
  const lostShare = Math.min(1, sharesLost);

  const recentStart = asOf - windows.recentDays;
  const baselineStart = recentStart - windows.baselineDays;
  const recentLinesPerOrder = linesPerOrder(days, recentStart, Number.POSITIVE_INFINITY);
  const baselineLinesPerOrder = linesPerOrder(days, baselineStart, recentStart);
  const narrowing =
    Number.isNaN(recentLinesPerOrder) || Number.isNaN(baselineLinesPerOrder) || baselineLinesPerOrder === 0
      ? 0
      : clamp01(1 - recentLinesPerOrder / baselineLinesPerOrder);

  const severity = Math.max(
    clamp01((lostShare - IGNORED_LOST_SHARE) / FULL_LOST_SHARE_SPAN),
    NARROWING_WEIGHT * clamp01((narrowing - IGNORED_NARROWING) / FULL_NARROWING_SPAN),
  );
  return {
    id: 'split_purchasing',
    severity: round(severity, 3),
    evidence: {
      stoppedLines: stopped.map((line) => line.productLine),
      lostSharePct: round(lostShare * 100, 1),
      ordersSinceStopped: stopped.length === 0 ? 0 : ordersSinceStopped,
      daysSinceStopped: stopped.length === 0 ? 0 : asOf - lastStoppedDay,
      recentLinesPerOrder: Number.isNaN(recentLinesPerOrder) ? 0 : round(recentLinesPerOrder, 2),
      baselineLinesPerOrder: Number.isNaN(baselineLinesPerOrder) ? 0 : round(baselineLinesPerOrder, 2),
      productLines: productLinesBought,
    },
  };
}

interface StoppedLine {
  readonly productLine: string;
  readonly share: number;
  readonly ordersSince: number;
  readonly lastDay: Day;
}

/**
 * A product line (its place in days.productLines) last bought on `lastDay`, judged: stopped (with
 * its share of spend in the year before), or undefined when it was not regular, its absence could
 * be chance, or the calendar explains it.
 */
function stoppedLine(days: DayColumns, place: number, lastDay: Day, asOf: Day): StoppedLine | undefined {
  const { day, orders } = days;
  let ordersSince = 0;
  for (let index = 0; index < day.length; index++) if ((orders[index] as number) > 0 && (day[index] as Day) > lastDay) ordersSince++;
  if (ordersSince < MIN_ORDERS_SINCE) return undefined;
  // The year before the last purchase: its order days, those with the line, and the spend (summed in day order).
  let ordersBefore = 0;
  let withLine = 0;
  let lineSpend = 0;
  let totalSpend = 0;
  for (let index = 0; index < day.length; index++) {
    const at = day[index] as Day;
    if ((orders[index] as number) <= 0 || at <= lastDay - 365 || at > lastDay) continue;
    ordersBefore++;
    const spend = spendOn(days, index, place);
    if (spend > 0) withLine++;
    lineSpend += spend;
    totalSpend += positiveSpend(days, index);
  }
  const frequency = withLine / ordersBefore;
  if (withLine < REGULAR_LINE_MIN_ORDERS || frequency < REGULAR_LINE_SHARE) return undefined;
  if ((1 - frequency) ** ordersSince > CHANCE_OF_ABSENCE) return undefined;
  if (skippedSameStretchLastYear(days, place, lastDay, asOf)) return undefined;
  return { productLine: days.productLines[place] as string, share: totalSpend > 0 ? lineSpend / totalSpend : 0, ordersSince, lastDay };
}

/**
 * A seasonal line: over the same weeks a year earlier the customer also ordered without it (a
 * school supplier's exam paper in winter). Its absence now is the season, not a competitor.
 */
function skippedSameStretchLastYear(days: DayColumns, place: number, lastDay: Day, asOf: Day): boolean {
  const { day, orders } = days;
  let ordersLastYear = 0;
  for (let index = 0; index < day.length; index++) {
    const at = day[index] as Day;
    if ((orders[index] as number) <= 0 || at <= lastDay - 365 || at > asOf - 365) continue;
    if (spendOn(days, index, place) > 0) return false;
    ordersLastYear++;
  }
  return ordersLastYear > 0;
}

/** Revenue of a product line (its place) on day `index`; 0 when not bought that day. */
function spendOn(days: DayColumns, index: number, place: number): number {
  for (let line = days.lineStart[index] as number; line < (days.lineStart[index + 1] as number); line++) {
    if (days.lineProduct[line] === place) return days.lineRevenue[line] as number;
  }
  return 0;
}

function positiveSpend(days: DayColumns, index: number): number {
  let spend = 0;
  for (let line = days.lineStart[index] as number; line < (days.lineStart[index + 1] as number); line++) spend += Math.max(0, days.lineRevenue[line] as number);
  return spend;
}

/** Distinct product lines bought per order day, over order days in (after, through]; NaN with fewer than two. */
function linesPerOrder(days: DayColumns, after: Day, through: Day): number {
  const { day, orders, lineStart, lineRevenue } = days;
  let orderDays = 0;
  let lines = 0;
  for (let index = 0; index < day.length; index++) {
    const at = day[index] as Day;
    if ((orders[index] as number) <= 0 || at <= after || at > through) continue;
    orderDays++;
    for (let line = lineStart[index] as number; line < (lineStart[index + 1] as number); line++) if ((lineRevenue[line] as number) > 0) lines++;
  }
  return orderDays < 2 ? Number.NaN : lines / orderDays;
}

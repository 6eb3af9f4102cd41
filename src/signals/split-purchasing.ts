import type { CustomerTimeline, DayActivity } from '../history/customer-timeline.js';
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
  const orders = timeline.days.filter((day) => day.orders > 0);
  if (!orders.some((day) => day.lines.length > 0)) {
    return { id: 'split_purchasing', severity: 0, evidence: { productLines: 0 } };
  }
  const lastBought = new Map<string, Day>();
  for (const day of orders) {
    for (const line of day.lines) if (line.revenue > 0) lastBought.set(line.productLine, day.day);
  }

  const stopped: { productLine: string; share: number; ordersSince: number; lastDay: Day }[] = [];
  for (const [productLine, lastDay] of [...lastBought.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (lastDay < asOf - STOPPED_WITHIN_DAYS || lastDay > asOf - MIN_DAYS_SINCE) continue;
    const ordersSince = orders.filter((day) => day.day > lastDay).length;
    if (ordersSince < MIN_ORDERS_SINCE) continue;
    const before = orders.filter((day) => day.day > lastDay - 365 && day.day <= lastDay);
    const withLine = before.filter((day) => spendOn(day, productLine) > 0).length;
    const frequency = withLine / before.length;
    if (withLine < REGULAR_LINE_MIN_ORDERS || frequency < REGULAR_LINE_SHARE) continue;
    if ((1 - frequency) ** ordersSince > CHANCE_OF_ABSENCE) continue;
    if (skippedSameStretchLastYear(orders, productLine, lastDay, asOf)) continue;
    const lineSpend = before.reduce((sum, day) => sum + spendOn(day, productLine), 0);
    const totalSpend = before.reduce((sum, day) => sum + positiveSpend(day), 0);
    stopped.push({ productLine, share: totalSpend > 0 ? lineSpend / totalSpend : 0, ordersSince, lastDay });
  }
  stopped.sort((a, b) => b.share - a.share || (a.productLine < b.productLine ? -1 : 1));
  const lostShare = Math.min(1, stopped.reduce((sum, line) => sum + line.share, 0));

  const recentStart = asOf - windows.recentDays;
  const baselineStart = recentStart - windows.baselineDays;
  const recentLinesPerOrder = linesPerOrder(orders.filter((day) => day.day > recentStart));
  const baselineLinesPerOrder = linesPerOrder(orders.filter((day) => day.day > baselineStart && day.day <= recentStart));
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
      ordersSinceStopped: stopped.length === 0 ? 0 : Math.min(...stopped.map((line) => line.ordersSince)),
      daysSinceStopped: stopped.length === 0 ? 0 : asOf - Math.max(...stopped.map((line) => line.lastDay)),
      recentLinesPerOrder: Number.isNaN(recentLinesPerOrder) ? 0 : round(recentLinesPerOrder, 2),
      baselineLinesPerOrder: Number.isNaN(baselineLinesPerOrder) ? 0 : round(baselineLinesPerOrder, 2),
      productLines: lastBought.size,
    },
  };
}

/**
 * A seasonal line: over the same weeks a year earlier the customer also ordered without it (a
 * school supplier's exam paper in winter). Its absence now is the season, not a competitor.
 */
function skippedSameStretchLastYear(orders: readonly DayActivity[], productLine: string, lastDay: Day, asOf: Day): boolean {
  const lastYear = orders.filter((day) => day.day > lastDay - 365 && day.day <= asOf - 365);
  return lastYear.length > 0 && lastYear.every((day) => spendOn(day, productLine) <= 0);
}

function spendOn(day: DayActivity, productLine: string): number {
  return day.lines.find((line) => line.productLine === productLine)?.revenue ?? 0;
}

function positiveSpend(day: DayActivity): number {
  return day.lines.reduce((sum, line) => sum + Math.max(0, line.revenue), 0);
}

function linesPerOrder(days: readonly DayActivity[]): number {
  if (days.length < 2) return Number.NaN;
  return days.reduce((sum, day) => sum + day.lines.filter((line) => line.revenue > 0).length, 0) / days.length;
}

import type { Day } from '../ingest/day.js';
import { monthIndexOfDay } from '../ingest/day.js';
import type { ComplaintRecord, CustomerTimeline } from './customer-timeline.js';
import { dayActivities } from './day-columns.js';

export interface MonthRevenue {
  /** `yyyy-mm` */
  readonly month: string;
  readonly revenue: number;
  /** Where the month falls: in the baseline year, the recent window, or neither. */
  readonly window: 'baseline' | 'recent' | 'before';
}

export interface OrderVisit {
  readonly day: Day;
  readonly orders: number;
  readonly revenue: number;
  /** Days since the previous order day; undefined for the first. */
  readonly gapDays: number | undefined;
}

export interface ProductLineSpend {
  readonly productLine: string;
  readonly baselineRevenue: number;
  readonly recentRevenue: number;
  readonly lastBoughtDay: Day;
}

/** One customer's history laid out for reading: months, visits, product lines, complaints. */
export interface CustomerStory {
  readonly months: readonly MonthRevenue[];
  readonly visits: readonly OrderVisit[];
  readonly productLines: readonly ProductLineSpend[];
  readonly complaints: readonly ComplaintRecord[];
}

/**
 * Lay out a timeline for the drill-down view: revenue per calendar month for the last `months`
 * months (the as-of month last), order days with their gaps, and spend per product line in the
 * baseline year and the recent window.
 */
export function customerStory(
  timeline: CustomerTimeline,
  asOf: Day,
  windows: { recentDays: number; baselineDays: number },
  months = 24,
): CustomerStory {
  const lastMonth = monthIndexOfDay(asOf);
  const firstMonth = lastMonth - months + 1;
  const recentStart = asOf - windows.recentDays;
  const baselineStart = recentStart - windows.baselineDays;
  const days = dayActivities(timeline.days);
  const revenueByMonth = new Array<number>(months).fill(0);
  for (const day of days) {
    const index = monthIndexOfDay(day.day) - firstMonth;
    if (index >= 0 && index < months) revenueByMonth[index] = (revenueByMonth[index] ?? 0) + day.revenue;
  }
  const monthList: MonthRevenue[] = revenueByMonth.map((revenue, index) => {
    const monthIndex = firstMonth + index;
    // A month belongs to the window holding its last day (the recent window may start mid-month).
    const monthEnd = Math.min(asOf, lastDayOfMonth(monthIndex));
    const window = monthEnd > recentStart ? 'recent' : monthEnd > baselineStart ? 'baseline' : 'before';
    return { month: monthLabel(monthIndex), revenue: Math.round(revenue * 100) / 100, window };
  });

  const visits: OrderVisit[] = [];
  let previous: Day | undefined;
  for (const day of days) {
    if (day.orders === 0) continue;
    visits.push({ day: day.day, orders: day.orders, revenue: day.revenue, gapDays: previous === undefined ? undefined : day.day - previous });
    previous = day.day;
  }

  const lines = new Map<string, { baseline: number; recent: number; last: Day }>();
  for (const day of days) {
    for (const line of day.lines) {
      const entry = lines.get(line.productLine) ?? { baseline: 0, recent: 0, last: Number.NEGATIVE_INFINITY };
      if (day.day > recentStart) entry.recent += line.revenue;
      else if (day.day > baselineStart) entry.baseline += line.revenue;
      if (line.revenue > 0) entry.last = Math.max(entry.last, day.day);
      lines.set(line.productLine, entry);
    }
  }
  const productLines = [...lines.entries()]
    .filter(([, spend]) => spend.baseline !== 0 || spend.recent !== 0)
    .map(([productLine, spend]) => ({
      productLine,
      baselineRevenue: Math.round(spend.baseline * 100) / 100,
      recentRevenue: Math.round(spend.recent * 100) / 100,
      lastBoughtDay: spend.last,
    }))
    .sort((a, b) => b.baselineRevenue - a.baselineRevenue || (a.productLine < b.productLine ? -1 : 1));

  return { months: monthList, visits, productLines, complaints: timeline.complaints };
}

function monthLabel(monthIndex: number): string {
  return `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, '0')}`;
}

function lastDayOfMonth(monthIndex: number): Day {
  return Math.floor(Date.UTC(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 0) / 86_400_000);
}

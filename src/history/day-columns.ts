import type { DayActivity, DayColumns, LineRevenue } from './customer-timeline.js';
import { compareText } from './compare-text.js';

/** Days as columns (the inverse of dayActivities): each day's lines are put in name order. */
export function dayColumnsOf(activities: readonly DayActivity[]): DayColumns {
  const productLines = [...new Set(activities.flatMap((activity) => activity.lines.map((line) => line.productLine)))].sort(compareText);
  const placeOf = new Map(productLines.map((productLine, place) => [productLine, place]));
  const lineCount = activities.reduce((sum, activity) => sum + activity.lines.length, 0);
  const columns = {
    day: new Float64Array(activities.length),
    orders: new Int32Array(activities.length),
    revenue: new Float64Array(activities.length),
    lineStart: new Int32Array(activities.length + 1),
    lineProduct: new Int32Array(lineCount),
    lineRevenue: new Float64Array(lineCount),
    productLines,
  };
  let line = 0;
  activities.forEach((activity, index) => {
    columns.day[index] = activity.day;
    columns.orders[index] = activity.orders;
    columns.revenue[index] = activity.revenue;
    columns.lineStart[index] = line;
    for (const { productLine, revenue } of [...activity.lines].sort((a, b) => compareText(a.productLine, b.productLine))) {
      columns.lineProduct[line] = placeOf.get(productLine) as number;
      columns.lineRevenue[line] = revenue;
      line++;
    }
  });
  columns.lineStart[activities.length] = line;
  return columns;
}

/** Days as objects, one per day with its lines: for reading a timeline (the drill-down, tests), not for scoring a book. */
export function dayActivities(days: DayColumns): DayActivity[] {
  return Array.from(days.day, (day, index) => {
    const lines: LineRevenue[] = [];
    for (let line = days.lineStart[index] as number; line < (days.lineStart[index + 1] as number); line++) {
      lines.push({ productLine: days.productLines[days.lineProduct[line] as number] as string, revenue: days.lineRevenue[line] as number });
    }
    return { day, orders: days.orders[index] as number, revenue: days.revenue[index] as number, lines };
  });
}

/** Columns of their own: a timeline kept past the walk that built it (whose columns are reused for the next customer). */
export function copyDayColumns(days: DayColumns): DayColumns {
  return {
    day: days.day.slice(),
    orders: days.orders.slice(),
    revenue: days.revenue.slice(),
    lineStart: days.lineStart.slice(),
    lineProduct: days.lineProduct.slice(),
    lineRevenue: days.lineRevenue.slice(),
    productLines: days.productLines,
  };
}

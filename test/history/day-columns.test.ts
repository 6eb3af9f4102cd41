import { describe, expect, it } from 'vitest';
import type { DayActivity } from '../../src/history/customer-timeline.js';
import { copyDayColumns, dayActivities, dayColumnsOf } from '../../src/history/day-columns.js';

const DAYS: DayActivity[] = [
  { day: 100, orders: 1, revenue: 12.5, lines: [{ productLine: 'Tea', revenue: 10 }, { productLine: 'Coffee', revenue: 2.5 }] },
  { day: 104, orders: 0, revenue: -3, lines: [{ productLine: 'Tea', revenue: -3 }] },
  { day: 110, orders: 2, revenue: 40, lines: [] },
  { day: 111, orders: 1, revenue: 7, lines: [{ productLine: 'Apples', revenue: 7 }] },
];

describe('dayColumnsOf', () => {
  it('puts the days in columns: product lines in name order, each day\'s lines by their place', () => {
    const columns = dayColumnsOf(DAYS);
    expect(columns.productLines).toEqual(['Apples', 'Coffee', 'Tea']);
    expect(Array.from(columns.day)).toEqual([100, 104, 110, 111]);
    expect(Array.from(columns.orders)).toEqual([1, 0, 2, 1]);
    expect(Array.from(columns.revenue)).toEqual([12.5, -3, 40, 7]);
    expect(Array.from(columns.lineStart)).toEqual([0, 2, 3, 3, 4]);
    expect(Array.from(columns.lineProduct)).toEqual([1, 2, 2, 0]);
    expect(Array.from(columns.lineRevenue)).toEqual([2.5, 10, -3, 7]);
  });

  it('reads back as the same days, each day\'s lines in name order', () => {
    expect(dayActivities(dayColumnsOf(DAYS))).toEqual([
      { ...DAYS[0], lines: [{ productLine: 'Coffee', revenue: 2.5 }, { productLine: 'Tea', revenue: 10 }] },
      DAYS[1],
      DAYS[2],
      DAYS[3],
    ]);
    expect(dayActivities(dayColumnsOf([]))).toEqual([]);
  });
});

describe('copyDayColumns', () => {
  it('holds its own values: the columns it was copied from can be rewritten', () => {
    const columns = dayColumnsOf(DAYS);
    const copy = copyDayColumns(columns);
    columns.day.fill(0);
    columns.lineRevenue.fill(0);
    expect(dayActivities(copy)).toEqual(dayActivities(dayColumnsOf(DAYS)));
  });
});

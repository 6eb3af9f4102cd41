import { describe, expect, it } from 'vitest';
import {
  baselineAnnualRevenue,
  countOrderDays,
  firstOrderDay,
  lastOrderDay,
  lastOrderDayOnOrBefore,
  orderGapDays,
  orderGapMedian,
  ordersBetween,
  revenueBetween,
} from '../../src/history/timeline-queries.js';
import { dayActivities } from '../../src/history/day-columns.js';
import { parseIsoDay } from '../../src/ingest/day.js';
import { every, timeline } from '../signals/timeline-builder.js';

// Orders on 100, 130 (two orders) and 160; return-only days (0 orders) on 110 and 170.
const t = timeline({
  orders: [
    [100, 200],
    [110, -50, {}, 0],
    [130, 300, {}, 2],
    [160, 100],
    [170, -20, {}, 0],
  ],
});

describe('countOrderDays / firstOrderDay / lastOrderDay', () => {
  it('leave out return-only days', () => {
    expect(countOrderDays(t)).toBe(3);
    expect(firstOrderDay(t)).toBe(100);
    expect(lastOrderDay(t)).toBe(160); // not the return on 170
  });

  it('are NaN without any order', () => {
    const returnsOnly = timeline({ orders: [[110, -50, {}, 0]] });
    expect(firstOrderDay(returnsOnly)).toBeNaN();
    expect(countOrderDays(returnsOnly)).toBe(0);
    expect(lastOrderDay(returnsOnly)).toBeNaN();
  });
});

describe('revenueBetween / ordersBetween', () => {
  it('sum days in (after, through], returns included in revenue', () => {
    expect(revenueBetween(t, 100, 130)).toBe(250); // -50 + 300; 100 excluded, 130 included
    expect(revenueBetween(t, 99, 170)).toBe(530); // 200 - 50 + 300 + 100 - 20
    expect(ordersBetween(t, 100, 130)).toBe(2);
    expect(ordersBetween(t, 99, 170)).toBe(4); // 1 + 0 + 2 + 1 + 0
    expect(ordersBetween(t, 160, 170)).toBe(0);
  });
});

describe('orderGapDays', () => {
  it('is the days between consecutive order days', () => {
    expect(orderGapDays(t)).toEqual([30, 30]);
    expect(orderGapDays(timeline({ orders: [[100, 1]] }))).toEqual([]);
  });
});

describe('orderGapMedian', () => {
  it('is the median of orderGapDays, return-only days left out', () => {
    // Gaps 30, 30 (the returns on 110 and 170 are not order days).
    expect(orderGapMedian(t)).toBe(30);
    // Gaps 10, 40, 5, 100: an even count, the two middle ones averaged.
    const uneven = timeline({ orders: [[100, 1], [110, 1], [150, 1], [155, 1], [255, 1]] });
    expect(orderGapMedian(uneven)).toBe(25);
  });

  it('is NaN with fewer than two order days', () => {
    expect(orderGapMedian(timeline({ orders: [[100, 1]] }))).toBeNaN();
    expect(orderGapMedian(timeline({ orders: [[100, 1], [110, -50, {}, 0]] }))).toBeNaN();
  });

  it("is each timeline's own, asked again or not", () => {
    const weekly = timeline({ orders: [[100, 1], [107, 1], [114, 1]] });
    expect(orderGapMedian(weekly)).toBe(7);
    expect(orderGapMedian(t)).toBe(30);
    expect(orderGapMedian(weekly)).toBe(7);
    expect(orderGapMedian(timeline({ orders: [[100, 1], [107, 1], [114, 1]] }))).toBe(7);
  });
});

describe('orderGapDays and orderGapMedian of more order days than any customer before', () => {
  // Order days every `gap` days: the gaps' scratch, sized for the longest customer so far, grows
  // during the call.
  const everyDays = (count: number, gap: number) => timeline({ orders: Array.from({ length: count }, (_, k) => [1000 + gap * k, 10] as [number, number]) });

  it('are the gaps and the median of all of them', () => {
    const gaps = orderGapDays(everyDays(1000, 3));
    expect(gaps).toHaveLength(999);
    expect(gaps.every((gap) => gap === 3)).toBe(true);
    expect(orderGapMedian(everyDays(5000, 5))).toBe(5);
  });
});

describe('lastOrderDayOnOrBefore', () => {
  it.each([
    [99, undefined],
    [100, 100],
    [129, 100],
    [130, 130],
    [175, 160],
  ])('on or before %i -> %s', (day, expected) => {
    expect(lastOrderDayOnOrBefore(t, day)).toBe(expected);
  });
});

describe('baselineAnnualRevenue (as of 1000, recent 90, baseline 365: baseline year = (545, 910])', () => {
  it('is the baseline year for a customer older than it', () => {
    // 550..910 = 37 orders × 100 = 3700 over 365 days
    expect(baselineAnnualRevenue(timeline({ orders: every(500, 1000, 10, 100) }), 1000, 90, 365)).toBe(3700);
  });

  it('annualises the part of the baseline year the customer was buying', () => {
    // First order 731: (730, 910] = 180 days, 731..901 = 18 × 100 = 1800 -> 1800 × 365/180 = 3650
    expect(baselineAnnualRevenue(timeline({ orders: every(731, 1000, 10, 100) }), 1000, 90, 365)).toBe(3650);
    // First order 821: (820, 910] is exactly 90 days, still the baseline: 90 × 365/90 = 365
    const boundary = timeline({ orders: [[821, 90], [1000, 1000]] });
    expect(baselineAnnualRevenue(boundary, 1000, 90, 365)).toBe(365);
  });

  it('annualises a very young customer over at least the recent window', () => {
    // One first order of 900 ten days ago: 900 × 365 / max(90, 11) = 3650, not 900 × 365/11
    expect(baselineAnnualRevenue(timeline({ orders: [[990, 900]] }), 1000, 90, 365)).toBe(3650);
  });

  it('is never negative', () => {
    // Baseline year holds only a return of 300
    const returns = timeline({ orders: [[500, 100], [600, -300, {}, 0], [1000, 100]] });
    expect(baselineAnnualRevenue(returns, 1000, 90, 365)).toBe(0);
  });

  it('follows the given windows', () => {
    // recent 30, baseline 60: baseline = (910, 970] -> 920..970 = 6 × 100 = 600 × 365/60 = 3650
    expect(baselineAnnualRevenue(timeline({ orders: every(500, 1000, 10, 100) }), 1000, 30, 60)).toBe(3650);
  });
});

describe('timeline builder (test support)', () => {
  it('cuts at the as-of date as buildTimelines does', () => {
    const cut = timeline({
      orders: [
        ['2026-10-30', 100],
        ['2026-10-31', 50, { Paper: 50 }],
        ['2026-10-31', 25, { Paper: 20, Coffee: 5 }],
        ['2026-11-01', 999],
      ],
      complaints: [
        { opened: '2026-10-01', closed: '2026-11-05', id: 'late' },
        { opened: '2026-10-02', closed: '2026-10-20', id: 'done' },
        { opened: '2026-11-02', id: 'future' },
      ],
      asOf: '2026-10-31',
    });
    const asOf = parseIsoDay('2026-10-31') as number;
    expect(dayActivities(cut.days)).toEqual([
      { day: asOf - 1, orders: 1, revenue: 100, lines: [] },
      { day: asOf, orders: 2, revenue: 75, lines: [{ productLine: 'Coffee', revenue: 5 }, { productLine: 'Paper', revenue: 70 }] },
    ]);
    expect(cut.complaints.map((c) => [c.complaintId, c.open, c.closedDay])).toEqual([
      ['late', true, undefined],
      ['done', false, asOf - 11],
    ]);
  });
});

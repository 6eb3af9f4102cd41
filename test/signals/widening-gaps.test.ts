import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOWS } from '../../src/signals/signal.js';
import { ordersInSameStretchEarlierYears, wideningGaps } from '../../src/signals/widening-gaps.js';
import { every, type OrderSpec, timeline } from './timeline-builder.js';

const W = DEFAULT_WINDOWS;

/** Orders of 100 on the given days. */
function on(days: readonly number[]): OrderSpec[] {
  return days.map((d) => [d, 100] as const);
}

/** Orders from `first` whose gaps repeat `cycle`, up to and including `last`. */
function cycling(first: number, cycle: readonly number[], last: number): number[] {
  const days = [first];
  for (let i = 0; ; i++) {
    const next = (days[days.length - 1] as number) + (cycle[i % cycle.length] as number);
    if (next > last) return days;
    days.push(next);
  }
}

describe('wideningGaps', () => {
  // Clockwork: every 10 days from 500 through 900 (40 gaps of 10). Usual gap 10, spread at its
  // floor 0.25 (every log-gap is 0), so z = ln(days since / 10) / 0.25.
  const clockwork = timeline({ orders: every(500, 900, 10, 100) });

  it('catches a clockwork customer 3× overdue', () => {
    expect(wideningGaps(clockwork, 930, W)).toEqual({
      id: 'widening_gaps',
      // z = ln(30/10)/0.25 = 4.39 -> (4.39-1)/2 > 1 -> 1. Last year over (535, 565]: 540,550,560 = 3 orders,
      // as many as the cadence predicts (30/10 = 3): share 1, no seasonal cap.
      severity: 1,
      evidence: {
        daysSinceLastOrder: 30,
        usualGapDays: 10,
        overdueRatio: 3,
        overdueZ: 4.39,
        recentGapDays: 10, // the last 4 closed gaps, all 10
        trendZ: 0,
        gapSpread: 0.25,
        gapCount: 40,
        cadenceConfidence: 1, // 40 gaps >= 20: trusted in full
        ordersSameStretchEarlierYears: 3,
        // no recentSpanOrders: the recent gaps start at 860, and the history does not reach 860-365 = 495
        seasonalSilence: 0,
        overdueLeads: 1,
      },
    });
  });

  it.each([
    // days since, severity: (ln(days/10)/0.25 - 1) / 2, clamped
    [5, 0], // ln 0.5 < 0
    [12, 0], // ln 1.2 / 0.25 = 0.73: within one spread
    [15, 0.311], // ln 1.5 / 0.25 = 1.622 -> 0.311
    [20, 0.886], // ln 2 / 0.25 = 2.773 -> 0.886
    [25, 1], // ln 2.5 / 0.25 = 3.665 -> 1.33 -> 1
  ])('scales with how overdue a clockwork customer is: %i days silent -> %s', (daysSilent, severity) => {
    expect(wideningGaps(clockwork, 900 + daysSilent, W).severity).toBe(severity);
  });

  it('gives an irregular-but-steady buyer a wide tolerance: 2.5× its usual gap is not overdue', () => {
    // Gaps cycle 5, 10, 20 from day 100 to 800; as of 825 the customer is 25 days silent.
    const irregular = timeline({ orders: on(cycling(100, [5, 10, 20], 800)) });
    const result = wideningGaps(irregular, 825, W);
    // Reference gaps (ended by 705): 18 fives, 17 tens, 17 twenties -> median 10.
    // |ln(gap/10)|: 35 × ln 2 and 17 × 0 -> median ln 2; spread 1.4826 × 0.693 = 1.03
    // overdue z = ln(25/10) / 1.03 = 0.89 < 1 -> 0
    // last 4 gaps 20,5,10,20: geometric mean 20000^(1/4) = 11.9; z = ln 1.19 / 1.03 = 0.17 -> 0
    expect(result.severity).toBe(0);
    expect(result.evidence).toMatchObject({
      usualGapDays: 10,
      gapSpread: 1.03,
      overdueZ: 0.89,
      recentGapDays: 11.9,
      trendZ: 0.17,
    });
    // The same 25 days from the clockwork customer: ln 2.5 / 0.25 = 3.67 -> 1
    expect(wideningGaps(clockwork, 925, W).severity).toBe(1);
  });

  it('does not flag a seasonal buyer between seasons that was as quiet last year', () => {
    // Buys every 10 days over 100..290 and 460..660; as of 760, 100 days silent (10 usual gaps).
    const seasonal = timeline({ orders: [...every(100, 290, 10, 100), ...every(460, 660, 10, 100)] });
    const result = wideningGaps(seasonal, 760, W);
    // z = ln(100/10)/0.25 = 9.2 -> 1, but last year over (295, 395] there were 0 orders: share 0/10 = 0
    // -> cap (0-0.3)/0.4 -> 0. Last 4 closed gaps are 10s -> trend 0.
    expect(result.severity).toBe(0);
    expect(result.evidence).toMatchObject({ ordersSameStretchEarlierYears: 0, seasonalSilence: 1, overdueZ: 9.21 });

    // A regular customer silent over the same days ordered 300..390 = 10 times last year: share 1 -> 1.
    const regular = timeline({ orders: every(100, 660, 10, 100) });
    expect(wideningGaps(regular, 760, W).severity).toBe(1);
    expect(wideningGaps(regular, 760, W).evidence.seasonalSilence).toBe(0);
  });

  it('does not excuse a silence when last year over the same stretch held 3 orders or more', () => {
    // Every 10 days from 100 to 560, but only every 20 days over 200..300; as of 660, 100 days silent.
    const days = every(100, 560, 10, 100).filter(([d]) => !(d === 210 || d === 230 || d === 250 || d === 270 || d === 290));
    const result = wideningGaps(timeline({ orders: days }), 660, W);
    // Last year (195, 295]: 200,220,240,260,280 = 5 orders against the cadence's 10 (share 0.5: cap
    // 0.5 by the share), but none in 100 days where 5 came last year has a chance under 1%: cap
    // (5-2)/2 -> 1; z = ln 10/0.25 -> 1.
    expect(result.severity).toBe(1);
    expect(result.evidence).toMatchObject({ ordersSameStretchEarlierYears: 5, seasonalSilence: 0 });
  });

  it('caps the overdue severity by the orders of last year over the same stretch, when few', () => {
    // As above, but only 200, 240 and 280 over (195, 295]: share 3/10 = 0.3 (no cap by the share
    // alone), three orders a year: cap (3-2)/2 = 0.5.
    const days = every(100, 560, 10, 100).filter(([d]) => d <= 195 || d > 295 || d === 200 || d === 240 || d === 280);
    const result = wideningGaps(timeline({ orders: days }), 660, W);
    expect(result.severity).toBe(0.5);
    expect(result.evidence).toMatchObject({ ordersSameStretchEarlierYears: 3, seasonalSilence: 0 });
  });

  it('takes two orders of last year over the same stretch for a lull, as before', () => {
    const days = every(100, 560, 10, 100).filter(([d]) => d <= 195 || d > 295 || d === 200 || d === 260);
    const result = wideningGaps(timeline({ orders: days }), 660, W);
    expect(result.severity).toBe(0);
    expect(result.evidence).toMatchObject({ ordersSameStretchEarlierYears: 2, seasonalSilence: 1 });
  });

  it('does not take a silence of more than a year for a season', () => {
    // Every 10 days from 100 to 560, then nothing; as of 1460, 900 days silent. The stretch a year
    // back, (195, 1095], is mostly the silence itself: its 37 orders against the cadence's 90 once
    // capped the severity at 0.27, and longer silences lower still, to a "seasonal lull".
    const result = wideningGaps(timeline({ orders: every(100, 560, 10, 100) }), 1460, W);
    expect(result.severity).toBe(1);
    expect(result.evidence.seasonalSilence).toBe(0);
    expect(result.evidence.ordersSameStretchEarlierYears).toBeUndefined();
  });

  it('catches recent gaps that widened, when last year over the same weeks was busier', () => {
    // Every 10 days through 800, then every 20 days: 820, 840, 860, 880; as of 885 (5 days since).
    const t = timeline({ orders: [...every(100, 800, 10, 100), ...on([820, 840, 860, 880])] });
    expect(wideningGaps(t, 885, W)).toEqual({
      id: 'widening_gaps',
      // last 4 closed gaps 20,20,20,20: z = ln(20/10)/0.25 = 2.77 -> (2.77-1)/2 = 0.886
      // span (800, 885] holds 4 orders; last year (435, 520] held 440..520 = 9: 4 < 0.75×9 and the
      // drop 5 >= max(2, 1.5×√9 = 4.5) -> not seasonal
      severity: 0.886,
      evidence: {
        daysSinceLastOrder: 5,
        usualGapDays: 10,
        overdueRatio: 0.5,
        overdueZ: -2.77, // ln 0.5 / 0.25
        recentGapDays: 20,
        trendZ: 2.77,
        gapSpread: 0.25,
        gapCount: 74,
        cadenceConfidence: 1,
        // (515, 520] holds 520 and (150, 155] nothing: (1 + 0)/2
        ordersSameStretchEarlierYears: 0.5,
        recentSpanOrders: 4,
        lastYearSpanOrders: 9,
        seasonalSilence: 0,
        overdueLeads: 0,
      },
    });
  });

  it('trusts a cadence read from few gaps only in part: 5 gaps 1/16, 12 gaps 1/2, 20 gaps in full', () => {
    // Clockwork every 10 days with n gaps ending at 500; as of 550 (5× overdue, raw severity 1).
    const withGaps = (n: number) => timeline({ orders: every(500 - 10 * n, 500, 10, 100) });
    // confidence = (gaps - 5 + 1) / (20 - 5 + 1)
    expect(wideningGaps(withGaps(4), 550, W).severity).toBe(0); // below the minimum of 5
    expect(wideningGaps(withGaps(5), 550, W).severity).toBe(0.063); // 1/16 = 0.0625
    expect(wideningGaps(withGaps(12), 550, W).severity).toBe(0.5); // 8/16
    expect(wideningGaps(withGaps(20), 550, W).severity).toBe(1);
  });

  it('does not call recent gaps widening when last year over the same weeks was as sparse', () => {
    // As above, but last year the customer also ordered only every 20 days over 440..520.
    const lastYearSparse = every(100, 800, 10, 100).filter(([d]) => !(d === 450 || d === 470 || d === 490 || d === 510));
    const t = timeline({ orders: [...lastYearSparse, ...on([820, 840, 860, 880])] });
    const result = wideningGaps(t, 885, W);
    // span (800, 885]: 4 orders; last year (435, 520]: 440,460,480,500,520 = 5; 4 >= 0.75×5 -> seasonal -> 0
    expect(result.severity).toBe(0);
    expect(result.evidence).toMatchObject({ trendZ: 2.77, recentSpanOrders: 4, lastYearSpanOrders: 5 });
  });

  it('needs 5 gaps, else severity 0 with the short evidence', () => {
    const t = timeline({ orders: on([100, 110, 120, 130, 140]) });
    expect(wideningGaps(t, 300, W)).toEqual({
      id: 'widening_gaps',
      severity: 0,
      evidence: { daysSinceLastOrder: 160, gapCount: 4 },
    });
  });

  it('sees only the timeline cut at the as-of date', () => {
    // The customer comes back at 960; as of 930 that is the future and the silence is 30 days (3 gaps).
    const cut = timeline({ orders: [...every(500, 900, 10, 100), ...every(960, 1100, 10, 100)], asOf: 930 });
    expect(cut.days.day[cut.days.day.length - 1]).toBe(900);
    expect(wideningGaps(cut, 930, W)).toEqual(wideningGaps(clockwork, 930, W));
    expect(wideningGaps(cut, 930, W).severity).toBe(1);
  });
});

describe('ordersInSameStretchEarlierYears', () => {
  it('averages the same stretch over the (up to two) earlier years the history covers', () => {
    // Every 10 days from 0, but only 80 and 100 in (70, 100]. Silence (800, 830]:
    // a year back (435, 465] = 440,450,460 = 3; two years back (70, 100] = 80,100 = 2 -> (3+2)/2 = 2.5
    const days = every(0, 800, 10, 100).filter(([d]) => d !== 90);
    expect(ordersInSameStretchEarlierYears(timeline({ orders: days }), 800, 830)).toBe(2.5);
  });

  it('uses one year when the history reaches back only one, and none before a full year', () => {
    const t = timeline({ orders: every(400, 800, 10, 100) });
    // 800-365 = 435 >= first order 400: (435, 465] = 3; 800-730 = 70 < 400: stop
    expect(ordersInSameStretchEarlierYears(t, 800, 830)).toBe(3);
    // 700-365 = 335 < first order 400
    expect(ordersInSameStretchEarlierYears(t, 700, 730)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOWS } from '../../src/signals/signal.js';
import { comparisonWindowDays, monthlyTrendPct, volumeDecline } from '../../src/signals/volume-decline.js';
import { every, timeline } from './timeline-builder.js';

// Default windows: recent 90 days, baseline the 365 before. With as-of 1000 and a 90-day window:
// recent = (910, 1000], same window last year = (545, 635], baseline year = (545, 910].
const W = DEFAULT_WINDOWS;
const AS_OF = 1000;

describe('volumeDecline', () => {
  it('catches orders shrinking at the same cadence (compared with the same window last year)', () => {
    // Every 10 days from 500: 250 each through 910, then 100 each.
    const t = timeline({ orders: [...every(500, 910, 10, 250), ...every(920, 1000, 10, 100)] });
    expect(volumeDecline(t, AS_OF, W)).toEqual({
      id: 'volume_decline',
      // recent 920..1000 = 9×100 = 900; last year 550..630 = 9×250 = 2250; decline 60% -> (0.60-0.15)/0.45 = 1
      // order value 100 vs baseline 250: also 60% -> 1; 9 orders either way -> confidence 1
      severity: 1,
      evidence: {
        declinePct: 60,
        recentRevenue: 900,
        comparedRevenue: 2250,
        comparedWithLastYear: 1,
        recentOrders: 9,
        comparedOrders: 9,
        recentDays: 90,
        orderValueDeclinePct: 60,
        // 30-day months back from 1000, oldest first: 9 × 750 then 3 × 300.
        // slope = -450 × (3.5+4.5+5.5) / 143 = -42.48; average month = (9×750 + 3×300)/12 = 637.5
        // -42.48 / 637.5 = -0.0666 -> -6.7%
        monthlyTrendPct: -6.7,
      },
    });
  });

  it('scales a partial drop between the ignored 15% and the full 60%', () => {
    const t = timeline({ orders: [...every(500, 910, 10, 250), ...every(920, 1000, 10, 175)] });
    const result = volumeDecline(t, AS_OF, W);
    // recent 9×175 = 1575 vs 9×250 = 2250: decline 30% -> (0.30-0.15)/0.45 = 0.333 (order value: same 30%)
    expect(result.severity).toBe(0.333);
    expect(result.evidence.declinePct).toBe(30);
    expect(result.evidence.recentRevenue).toBe(1575);
    expect(result.evidence.orderValueDeclinePct).toBe(30);
  });

  it('gives a stable customer severity 0', () => {
    const t = timeline({ orders: every(500, 1000, 10, 250) });
    expect(volumeDecline(t, AS_OF, W)).toEqual({
      id: 'volume_decline',
      severity: 0,
      evidence: {
        declinePct: 0,
        recentRevenue: 2250,
        comparedRevenue: 2250,
        comparedWithLastYear: 1,
        recentOrders: 9,
        comparedOrders: 9,
        recentDays: 90,
        orderValueDeclinePct: 0,
        monthlyTrendPct: 0, // twelve equal months: slope 0
      },
    });
  });

  it('does not flag a seasonal buyer in a quiet quarter that was as quiet last year', () => {
    // 100 an order in (545, 635] and (910, 1000], 400 an order the rest of the year.
    const quiet = (d: number) => (d > 545 && d <= 635) || (d > 910 && d <= 1000);
    const t = timeline({ orders: every(500, 1000, 10, (d) => (quiet(d) ? 100 : 400)) });
    const result = volumeDecline(t, AS_OF, W);
    // recent 9×100 = 900 vs last year 9×100 = 900: decline 0 -> severity 0, though the order value
    // is down on the baseline year: 550..910 = 9×100 + 28×400 = 12100 over 37 orders = 327.03;
    // 1 - 100/327.03 = 69.4%. min(order-value part 1, decline part 0) = 0.
    expect(result.severity).toBe(0);
    expect(result.evidence.comparedWithLastYear).toBe(1);
    expect(result.evidence.comparedRevenue).toBe(900);
    expect(result.evidence.declinePct).toBe(0);
    expect(result.evidence.orderValueDeclinePct).toBe(69.4);
  });

  it('caps a drop that is only fewer orders (same size) at 0.6, scaled by how far beyond Poisson noise', () => {
    const lastOrderOnly = timeline({ orders: [...every(500, 910, 10, 250), [1000, 250]] });
    // recent 1×250 vs last year 9×250: decline 88.9% -> 1; order value 250 vs 250 -> 0
    // count drop (9-1)/√9 = 2.67 spreads -> (2.67-1)/2 = 0.833; 0.6 × 1 × 0.833 = 0.5
    expect(volumeDecline(lastOrderOnly, AS_OF, W).severity).toBe(0.5);

    const stopped = timeline({ orders: every(500, 910, 10, 250) });
    // recent 0 vs 2250: decline 100% -> 1; count drop 9/3 = 3 spreads -> 1; 0.6 × 1 × 1 = 0.6
    const result = volumeDecline(stopped, AS_OF, W);
    expect(result.severity).toBe(0.6);
    expect(result.evidence.declinePct).toBe(100);
    expect(result.evidence.recentOrders).toBe(0);
    expect(result.evidence.orderValueDeclinePct).toBe(0);
  });

  it('ignores two fewer orders out of nine (within Poisson noise)', () => {
    const recent = [920, 930, 940, 950, 960, 980, 1000].map((d) => [d, 250] as const);
    const t = timeline({ orders: [...every(500, 910, 10, 250), ...recent] });
    const result = volumeDecline(t, AS_OF, W);
    // 7×250 = 1750 vs 2250: decline 22.2%; count drop (9-7)/3 = 0.67 spreads < 1 -> 0; order value unchanged -> 0
    expect(result.evidence.declinePct).toBe(22.2);
    expect(result.severity).toBe(0);
  });

  it('compares with the scaled baseline when the history does not reach a year before the window', () => {
    // First order 731: baseline (730, 910] observed 180 days, scale 90/180 = 0.5.
    const t = timeline({ orders: [...every(731, 901, 10, 250), ...every(911, 991, 10, 200)] });
    const result = volumeDecline(t, AS_OF, W);
    // baseline 731..901 = 18×250 = 4500 × 0.5 = 2250 over 18 × 0.5 = 9 orders; recent 911..991 = 9×200 = 1800
    // decline 20% -> (0.20-0.15)/0.45 = 0.111; order value 200 vs 250: 20% -> 0.111
    expect(result.severity).toBe(0.111);
    expect(result.evidence).toMatchObject({
      comparedWithLastYear: 0,
      comparedRevenue: 2250,
      comparedOrders: 9,
      recentRevenue: 1800,
      declinePct: 20,
    });
  });

  it('widens the window for a slow buyer and discounts a comparison holding fewer than 5 orders', () => {
    // Every 40 days from 40: window = ceil(5×40/30)=7 months = 210 -> capped at 180; recent = (820, 1000].
    const t = timeline({ orders: every(40, 1000, 40, (d) => (d <= 820 ? 250 : 100)) });
    const result = volumeDecline(t, AS_OF, W);
    // recent 840..1000 = 5×100 = 500; last year (455, 635] = 480,520,560,600 = 4×250 = 1000
    // decline 50% -> (0.50-0.15)/0.45 = 0.7778; order value 100 vs 250 -> 1 (5 recent orders: full weight)
    // min(1, 0.7778) × confidence 4/5 = 0.622
    expect(result.severity).toBe(0.622);
    expect(result.evidence).toMatchObject({ recentDays: 180, recentOrders: 5, comparedOrders: 4, declinePct: 50 });
  });

  it('sees only the timeline cut at the as-of date', () => {
    const past = [...every(500, 910, 10, 250), ...every(920, 1000, 10, 100)];
    // The customer recovers after the as-of date (back to 250 an order, twice as often); the cut drops it.
    const cut = timeline({ orders: [...past, ...every(1005, 1200, 5, 250)], asOf: AS_OF });
    expect(cut.days.day.length).toBe(51); // 500..1000 every 10 days
    expect(volumeDecline(cut, AS_OF, W)).toEqual(volumeDecline(timeline({ orders: past }), AS_OF, W));
    expect(volumeDecline(cut, AS_OF, W).severity).toBe(1);
  });

  it('needs a baseline as long as the window, else severity 0 with the short evidence', () => {
    // First order 960: baseline (959, 910] is empty.
    expect(volumeDecline(timeline({ orders: every(960, 1000, 10, 250) }), AS_OF, W)).toEqual({
      id: 'volume_decline',
      severity: 0,
      evidence: { baselineDays: 0 },
    });
    // First order 850, then nothing: baseline (849, 910] = 61 days < 90.
    expect(volumeDecline(timeline({ orders: every(850, 880, 10, 250) }), AS_OF, W)).toEqual({
      id: 'volume_decline',
      severity: 0,
      evidence: { baselineDays: 61 },
    });
  });
});

describe('comparisonWindowDays', () => {
  it.each([
    ['one order (no gaps)', [500], 90],
    ['every 10 days: 5×10 = 50 -> 2 months = 60, at least 90', [500, 510, 520, 530], 90],
    ['every 19 days: 5×19 = 95 -> 4 months = 120', [500, 519, 538, 557], 120],
    ['every 30 days: 5×30 = 150 -> 5 months = 150', [500, 530, 560, 590], 150],
    ['every 45 days: 5×45 = 225 -> 8 months = 240, at most 180', [500, 545, 590, 635], 180],
    ['median of gaps 10, 10, 100 is 10', [500, 510, 520, 620], 90],
  ])('%s', (_label, days, expected) => {
    const t = timeline({ orders: days.map((d) => [d, 100] as const) });
    expect(comparisonWindowDays(t, 90)).toBe(expected);
  });

  it('works from the given window: every 10 days with a 30-day window -> 2 months = 60', () => {
    const t = timeline({ orders: every(500, 600, 10, 100) });
    expect(comparisonWindowDays(t, 30)).toBe(60);
  });
});

describe('monthlyTrendPct', () => {
  it('is 0 for equal months and for a year without revenue', () => {
    expect(monthlyTrendPct(timeline({ orders: every(500, 1000, 10, 250) }), AS_OF)).toBe(0);
    expect(monthlyTrendPct(timeline({ orders: [[500, 250]] }), AS_OF)).toBe(0);
  });

  it('is the slope over the average month, oldest month first', () => {
    // All 1200 in the latest month (index 11): average 100; slope = 1200 × (11-5.5) / 143 = 46.15
    expect(monthlyTrendPct(timeline({ orders: [[1000, 1200]] }), AS_OF)).toBeCloseTo(6600 / 143 / 100, 10);
    // 359 days back is the oldest month (index 0): slope = 1200 × (0-5.5) / 143
    expect(monthlyTrendPct(timeline({ orders: [[641, 1200]] }), AS_OF)).toBeCloseTo(-6600 / 143 / 100, 10);
    // 360 days back is outside the twelve months
    expect(monthlyTrendPct(timeline({ orders: [[640, 1200]] }), AS_OF)).toBe(0);
  });
});

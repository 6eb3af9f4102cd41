import { describe, expect, it } from 'vitest';
import { combineSeverities, scoreCustomer } from '../../src/scoring/score-customer.js';
import { DEFAULT_SCORING, DEFAULT_WEIGHTS, type ScoringSettings } from '../../src/scoring/scoring-settings.js';
import type { SignalId, SignalResult } from '../../src/signals/signal.js';
import { every, timeline } from '../signals/timeline-builder.js';

function results(severities: Partial<Record<SignalId, number>>): SignalResult[] {
  return Object.entries(severities).map(([id, severity]) => ({ id: id as SignalId, severity: severity as number, evidence: {} }));
}

describe('combineSeverities', () => {
  // Default weights: volume 0.85, gaps 0.85, split 0.8, complaints 0.75.
  it.each([
    ['no signal', {}, 0],
    ['all zero', { volume_decline: 0, widening_gaps: 0, split_purchasing: 0, complaints: 0 }, 0],
    ['one full signal reaches its weight', { volume_decline: 1 }, 85],
    ['complaints alone at 1', { complaints: 1 }, 75],
    ['a half signal: 0.85 × 0.5', { widening_gaps: 0.5 }, 42.5],
    ['two half signals: 1 - 0.575² = 0.669', { volume_decline: 0.5, widening_gaps: 0.5 }, 66.9],
    ['all four at 1: 1 - 0.15 × 0.15 × 0.2 × 0.25', { volume_decline: 1, widening_gaps: 1, split_purchasing: 1, complaints: 1 }, 99.9],
  ])('%s', (_label, severities, expected) => {
    expect(combineSeverities(results(severities), DEFAULT_WEIGHTS)).toBe(expected);
  });

  it('uses the given weights', () => {
    const weights = { volume_decline: 0.5, widening_gaps: 0.5, split_purchasing: 0.5, complaints: 0 };
    // (1 - 0.5 × 1)(1 - 0.5 × 0.6) = 0.35 -> 65; complaints weighs 0
    expect(combineSeverities(results({ volume_decline: 1, split_purchasing: 0.6, complaints: 1 }), weights)).toBe(65);
  });
});

describe('scoreCustomer', () => {
  const S = DEFAULT_SCORING;

  it('rates a stable customer low and active, with nothing at risk', () => {
    const scored = scoreCustomer(timeline({ orders: every(500, 1000, 10, 100), customerId: 'C7', name: 'Acme', rep: 'Dana' }), 1000, S);
    expect(scored).toMatchObject({
      customerId: 'C7',
      name: 'Acme',
      rep: 'Dana',
      riskScore: 0,
      riskLevel: 'low',
      status: 'active',
      valueAtRisk: 0,
      annualRevenue: 3700, // (545, 910]: 37 × 100
      firstOrderDay: 500,
      lastOrderDay: 1000,
      orderDays: 51,
      productLines: 0, // no categories or skus
      revenueTrendPct: 0, // twelve equal 30-day months
    });
    // All zero: ties go to the larger weight, then the signal order (volume and gaps both 0.85).
    expect(scored.signals.map((s) => s.id)).toEqual(['volume_decline', 'widening_gaps', 'split_purchasing', 'complaints']);
    expect(scored.signals.map((s) => s.severity)).toEqual([0, 0, 0, 0]);
  });

  // An open critical billing complaint opened on 905, 95 days before the as-of date:
  // 2 × 1.2 × (0.6 + 90/60) = 5.04 -> 1 - exp(-0.7 × 5.04) = 0.971 (at most 6 orders in 180 days);
  // score 100 × 0.75 × 0.971 = 72.8.
  const critical = [{ opened: 905, category: 'billing', severity: 'critical' }] as const;

  it('never rates a new customer high', () => {
    const young = timeline({ orders: [[900, 101], [950, 101], [990, 101]], complaints: critical });
    const scored = scoreCustomer(young, 1000, S);
    expect(scored).toMatchObject({
      riskScore: 72.8, // high (>= 60) by score...
      riskLevel: 'medium', // ...but first order 100 days ago (< 120): new, so medium
      status: 'new',
      // life 900..1000 = 101 days: 303 × 365/101 = 1095; 1095 × 72.8/100 = 797.16
      annualRevenue: 1095,
      valueAtRisk: 797.16,
    });
    expect(scored.signals[0]).toMatchObject({ id: 'complaints', severity: 0.971 });
  });

  it('rates an established customer with the same complaint high and at-risk', () => {
    // Every 30 days from 100: 6 orders in (820, 1000] (exposure 1), every other signal 0.
    const established = timeline({ orders: every(100, 1000, 30, 100), complaints: critical });
    expect(scoreCustomer(established, 1000, S)).toMatchObject({
      riskScore: 72.8,
      riskLevel: 'high',
      status: 'at-risk',
      annualRevenue: 1300, // (545, 910]: 550..910 every 30 = 13 × 100
      valueAtRisk: 946.4, // 1300 × 72.8/100
    });
  });

  it('calls an active customer rated medium at-risk', () => {
    // A low product complaint open 95 days: 0.5 × 0.9 × 2.1 = 0.945 -> 0.484; score 0.75 × 0.484 = 36.3
    const t = timeline({ orders: every(100, 1000, 30, 100), complaints: [{ opened: 905, category: 'product', severity: 'low' }] });
    expect(scoreCustomer(t, 1000, S)).toMatchObject({
      riskScore: 36.3,
      riskLevel: 'medium',
      status: 'at-risk',
      valueAtRisk: 471.9, // 1300 × 0.363
    });
  });

  it('calls a clockwork customer silent for 10 usual gaps lapsed', () => {
    // Every 10 days 400..800; as of 900: 100 days silent (>= 90 and >= 4 × 10).
    const scored = scoreCustomer(timeline({ orders: every(400, 800, 10, 100) }), 900, S);
    // gaps: z = ln(100/10)/0.25 -> 1. volume: 0 vs last year 450..530 = 9 orders, fewer orders only:
    // 0.6 × 1 × ((9/3 - 1)/2 = 1) = 0.6. score = 100 × (1 - (1 - 0.85)(1 - 0.85 × 0.6)) = 92.65 -> 92.7
    // (40 gaps: the cadence is trusted in full)
    expect(scored).toMatchObject({
      riskScore: 92.7,
      riskLevel: 'high',
      status: 'lapsed',
      annualRevenue: 3600, // (445, 810]: 450..800 = 36 × 100
      valueAtRisk: 3337.2, // 3600 × 92.7/100
      lastOrderDay: 800,
      // 30-day months back from 900, oldest first: 8 × 300 (550..780), 200 (790, 800), 3 × 0.
      // slope = (300 × (-16) + 200 × 2.5)/143 = -30.07; average 2600/12 = 216.67 -> -13.9%
      revenueTrendPct: -13.9,
    });
    // Strongest evidence first: gaps 1, volume 0.6, then the zeros by weight (split 0.8, complaints 0.75).
    expect(scored.signals.map((s) => [s.id, s.severity])).toEqual([
      ['widening_gaps', 1],
      ['volume_decline', 0.6],
      ['split_purchasing', 0],
      ['complaints', 0],
    ]);
  });

  it('has the revenue trend when the volume signal stops short of it (too little history)', () => {
    // Orders 780..890 every 10 days, 1000 - day each; as of 900 the volume signal has 31 days of
    // baseline, under its 90, so no trend in its evidence. 30-day months back from 900, oldest
    // first: seven 0s, 220 (780), 600 (790..810), 510, 420, 230 (880, 890); slope 6770/143 = 47.34,
    // average 1980/12 = 165 -> 28.7%.
    const scored = scoreCustomer(timeline({ orders: every(780, 890, 10, (d) => 1000 - d) }), 900, S);
    expect(scored.signals.find((signal) => signal.id === 'volume_decline')?.evidence.monthlyTrendPct).toBeUndefined();
    expect(scored.revenueTrendPct).toBe(28.7);
  });

  it('does not call a seasonal buyer between seasons lapsed', () => {
    // Every 10 days over 100..290 and 460..660; as of 760: 100 days silent, but last year (295, 395] was empty.
    const seasonal = timeline({ orders: [...every(100, 290, 10, 100), ...every(460, 660, 10, 100)] });
    expect(scoreCustomer(seasonal, 760, S)).toMatchObject({
      riskScore: 0,
      riskLevel: 'low',
      status: 'active',
      annualRevenue: 2100, // (305, 670]: 460..660 = 21 × 100
      valueAtRisk: 0,
    });
  });

  it('calls a customer with fewer than 3 order days new, or lapsed once 180 days silent', () => {
    const thin = timeline({ orders: [[500, 100], [600, 100]] });
    expect(scoreCustomer(thin, 700, S).status).toBe('new'); // 100 days silent
    expect(scoreCustomer(thin, 779, S).status).toBe('new'); // 179 days silent
    expect(scoreCustomer(thin, 780, S).status).toBe('lapsed'); // 180 days silent
  });

  it('calls a customer whose first order is under 120 days old new', () => {
    const t = timeline({ orders: every(881, 1000, 7, 100) });
    expect(scoreCustomer(t, 1000, S).status).toBe('new'); // 1000 - 881 = 119
    expect(scoreCustomer(timeline({ orders: every(880, 1000, 7, 100) }), 1000, S).status).toBe('active'); // 120
  });

  it('follows the given thresholds and weights', () => {
    const settings: ScoringSettings = {
      ...DEFAULT_SCORING,
      thresholds: { high: 95, medium: 70 },
      weights: { ...DEFAULT_WEIGHTS, complaints: 1 },
    };
    const established = timeline({ orders: every(100, 1000, 30, 100), complaints: critical });
    // 100 × 1 × 0.971 = 97.1 >= 95: high
    expect(scoreCustomer(established, 1000, settings)).toMatchObject({ riskScore: 97.1, riskLevel: 'high', status: 'at-risk' });
    const lapsed = scoreCustomer(timeline({ orders: every(400, 800, 10, 100) }), 900, settings);
    // 92.7 < 95: medium; status stays lapsed
    expect(lapsed).toMatchObject({ riskScore: 92.7, riskLevel: 'medium', status: 'lapsed' });
  });
});

describe('scoreCustomer: the model term', () => {
  const steady = timeline({ orders: every(100, 1000, 30, 100) });
  const view = { pAlive: 0.5, expectedOrders: 1.2, pNoOrder: 0.4, noOrderDays: 90 };

  it('joins the noisy-OR as weight × P(no order)', () => {
    // model 1 × 0.4 = 0.4; no signal: score 100 × (1 - (1 - 0.4)) = 40
    const scored = scoreCustomer(steady, 1000, DEFAULT_SCORING, view);
    expect(scored.riskScore).toBe(40);
    expect(scored.model).toEqual({ ...view, contribution: 0.4, horizonDays: 90 });
    const half = scoreCustomer(steady, 1000, { ...DEFAULT_SCORING, model: { weight: 0.5, horizonDays: 90 } }, view);
    expect(half.riskScore).toBe(20);
  });

  it('holds no seasonal lull against the customer', () => {
    // The seasonal buyer above: silent 100 days, as quiet a year earlier.
    const seasonal = timeline({ orders: [...every(100, 290, 10, 100), ...every(460, 660, 10, 100)] });
    const scored = scoreCustomer(seasonal, 760, DEFAULT_SCORING, view);
    expect([scored.riskScore, scored.model?.contribution]).toEqual([0, 0]);
  });
});

describe('scoreCustomer: lapsed with few order days', () => {
  it('a 3-order customer silent for 840 days, usually every 30, is lapsed', () => {
    const result = scoreCustomer(timeline({ orders: [[100, 100], [130, 100], [160, 100]] }), 1000, DEFAULT_SCORING);
    expect(result.status).toBe('lapsed');
  });
});

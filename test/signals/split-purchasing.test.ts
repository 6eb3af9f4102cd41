import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOWS } from '../../src/signals/signal.js';
import { splitPurchasing } from '../../src/signals/split-purchasing.js';
import { baskets, every, timeline } from './timeline-builder.js';

// As of 1000 with default windows: recent = (910, 1000], baseline = (545, 910]. A line can count as
// stopped when its last purchase is within [1000-365, 1000-42] = [635, 958].
const W = DEFAULT_WINDOWS;
const AS_OF = 1000;

describe('splitPurchasing', () => {
  it('catches a regular line that stopped while the customer kept ordering', () => {
    // Every 10 days from 500: Paper 100 + Coffee 20 through 900, then Paper 100 only.
    const t = timeline({ orders: baskets(500, 1000, 10, (d) => (d <= 900 ? { Paper: 100, Coffee: 20 } : { Paper: 100 })) });
    expect(splitPurchasing(t, AS_OF, W)).toEqual({
      id: 'split_purchasing',
      // Coffee last 900; 10 orders since (910..1000); in all 37 orders of (535, 900]: (1-1)^10 = 0 < 1%.
      // Share of spend over those orders: 37×20 / 37×120 = 1/6 -> (0.1667-0.05)/0.25 = 0.467
      // Narrowing: recent 1 line/order; baseline 550..910 = (36×2 + 1)/37 = 1.973 -> 1 - 37/73 = 0.493
      // -> 0.6 × (0.493-0.25)/0.5 = 0.292. max(0.467, 0.292) = 0.467
      severity: 0.467,
      evidence: {
        stoppedLines: ['Coffee'],
        lostSharePct: 16.7,
        ordersSinceStopped: 10,
        daysSinceStopped: 100,
        recentLinesPerOrder: 1,
        baselineLinesPerOrder: 1.97,
        productLines: 2,
      },
    });
  });

  it('reaches 1 at a 30% lost share', () => {
    const t = timeline({ orders: baskets(500, 1000, 10, (d) => (d <= 900 ? { Paper: 100, Coffee: 50 } : { Paper: 100 })) });
    // Coffee 50 of 150 = 33% -> (0.333-0.05)/0.25 > 1 -> 1
    const result = splitPurchasing(t, AS_OF, W);
    expect(result.severity).toBe(1);
    expect(result.evidence.lostSharePct).toBe(33.3);
  });

  it('gives a stable customer severity 0', () => {
    const t = timeline({ orders: baskets(500, 1000, 10, { Paper: 100, Coffee: 50 }) });
    expect(splitPurchasing(t, AS_OF, W)).toEqual({
      id: 'split_purchasing',
      severity: 0,
      evidence: {
        stoppedLines: [],
        lostSharePct: 0,
        ordersSinceStopped: 0,
        daysSinceStopped: 0,
        recentLinesPerOrder: 2,
        baselineLinesPerOrder: 2,
        productLines: 2,
      },
    });
  });

  it('does not flag a line skipped over the same weeks last year (a seasonal line)', () => {
    // Paper, Tea, Ink always; Coffee except over (535, 635] last year and after 900 this year.
    const lines = (d: number) =>
      (d > 535 && d <= 635) || d > 900 ? { Paper: 100, Tea: 100, Ink: 100 } : { Paper: 100, Tea: 100, Ink: 100, Coffee: 50 };
    const seasonal = splitPurchasing(timeline({ orders: baskets(500, 1000, 10, lines) }), AS_OF, W);
    // Coffee would count as stopped, but last year (535, 635] = 540..630 had no Coffee either.
    // Narrowing: recent 3 lines/order; baseline 550..910 = (9×3 + 27×4 + 3)/37 = 138/37 = 3.73
    // -> 1 - 111/138 = 0.196 < 0.25 -> 0
    expect(seasonal.severity).toBe(0);
    expect(seasonal.evidence.stoppedLines).toEqual([]);

    // The same customer, who bought Coffee last year over those weeks: Coffee stopped.
    const always = (d: number) => (d > 900 ? { Paper: 100, Tea: 100, Ink: 100 } : { Paper: 100, Tea: 100, Ink: 100, Coffee: 50 });
    const stopped = splitPurchasing(timeline({ orders: baskets(500, 1000, 10, always) }), AS_OF, W);
    // share 50/350 = 0.1429 -> (0.1429-0.05)/0.25 = 0.371; narrowing 1 - 111/147 = 0.245 < 0.25 -> 0
    expect(stopped.severity).toBe(0.371);
    expect(stopped.evidence.stoppedLines).toEqual(['Coffee']);
  });

  it('calls a half-the-time line stopped only once its absence is under 1% by chance', () => {
    // Paper 100 every 10 days; Coffee 50 on every other order (days divisible by 20) up to `last`.
    const withCoffeeUntil = (last: number) =>
      timeline({ orders: baskets(500, 1000, 10, (d) => (d % 20 === 0 && d <= last ? { Paper: 100, Coffee: 50 } : { Paper: 100 })) });

    // Last Coffee 940, 6 orders since: in (575, 940] 19 of 37 orders had Coffee; (18/37)^6 = 0.013 > 0.01.
    // Narrowing: recent 11 lines/9 orders vs baseline 55/37 -> 1 - 407/495 = 0.18 < 0.25 -> 0
    const sixMissed = splitPurchasing(withCoffeeUntil(940), AS_OF, W);
    expect(sixMissed.severity).toBe(0);
    expect(sixMissed.evidence.stoppedLines).toEqual([]);

    // Last Coffee 920, 8 orders since: in (555, 920] 19 of 37; (18/37)^8 = 0.0031 < 0.01 -> stopped.
    // share 19×50 / (37×100 + 19×50) = 950/4650 = 0.2043 -> (0.2043-0.05)/0.25 = 0.617
    const eightMissed = splitPurchasing(withCoffeeUntil(920), AS_OF, W);
    expect(eightMissed.severity).toBe(0.617);
    expect(eightMissed.evidence).toMatchObject({ stoppedLines: ['Coffee'], lostSharePct: 20.4, ordersSinceStopped: 8, daysSinceStopped: 80 });
  });

  it('ignores a line bought in fewer than 30% of orders', () => {
    // Coffee on every 4th order (540, 580, ..., 900): 10 of the 37 orders in (535, 900] = 27% < 30%
    const t = timeline({
      orders: baskets(500, 1000, 10, (d) => (d % 40 === 20 && d <= 900 ? { Paper: 100, Coffee: 50 } : { Paper: 100 })),
    });
    // Narrowing: recent 1; baseline 550..910 holds Coffee at 580..900 = 9: 46/37 -> 1 - 37/46 = 0.196 -> 0
    expect(splitPurchasing(t, AS_OF, W).severity).toBe(0);
    expect(splitPurchasing(t, AS_OF, W).evidence.stoppedLines).toEqual([]);
  });

  it('ignores a line that stopped more than a year ago (old news)', () => {
    // Coffee through 600 < 635.
    const t = timeline({ orders: baskets(200, 1000, 10, (d) => (d <= 600 ? { Paper: 100, Coffee: 50 } : { Paper: 100 })) });
    // Narrowing: baseline 550..910 = (6×2 + 31×1)/37 = 43/37 -> 1 - 37/43 = 0.14 -> 0
    expect(splitPurchasing(t, AS_OF, W).severity).toBe(0);
    expect(splitPurchasing(t, AS_OF, W).evidence.stoppedLines).toEqual([]);
  });

  it('does not call a customer who stopped ordering altogether a split (no orders since)', () => {
    const t = timeline({ orders: baskets(500, 900, 10, { Paper: 100, Coffee: 50 }) });
    expect(splitPurchasing(t, AS_OF, W)).toEqual({
      id: 'split_purchasing',
      severity: 0,
      evidence: {
        stoppedLines: [],
        lostSharePct: 0,
        ordersSinceStopped: 0,
        daysSinceStopped: 0,
        recentLinesPerOrder: 0, // no recent orders
        baselineLinesPerOrder: 2,
        productLines: 2,
      },
    });
  });

  it('weighs narrower baskets alone at most 0.6', () => {
    // A, B, C in every order through 910; then one line an order, in turn, each bought within 42 days.
    const rotation = ['A', 'B', 'C'] as const;
    const t = timeline({
      orders: baskets(500, 1000, 10, (d) => (d <= 910 ? { A: 100, B: 100, C: 100 } : { [rotation[(d - 920) / 10 % 3] as string]: 100 })),
    });
    const result = splitPurchasing(t, AS_OF, W);
    // recent 1 line/order vs baseline 3: narrowing 1 - 1/3 = 0.667 -> 0.6 × (0.667-0.25)/0.5 = 0.5
    expect(result.severity).toBe(0.5);
    expect(result.evidence).toMatchObject({ stoppedLines: [], recentLinesPerOrder: 1, baselineLinesPerOrder: 3, productLines: 3 });
  });

  it('has nothing to say without product lines', () => {
    const t = timeline({ orders: every(500, 1000, 10, 150) });
    expect(splitPurchasing(t, AS_OF, W)).toEqual({ id: 'split_purchasing', severity: 0, evidence: { productLines: 0 } });
  });

  it('sees only the timeline cut at the as-of date', () => {
    // Coffee comes back after the as-of date; as of 1000 it has been missing for 10 orders.
    const past = baskets(500, 1000, 10, (d) => (d <= 900 ? { Paper: 100, Coffee: 20 } : { Paper: 100 }));
    const cut = timeline({ orders: [...past, ...baskets(1010, 1100, 10, { Paper: 100, Coffee: 20 })], asOf: AS_OF });
    expect(splitPurchasing(cut, AS_OF, W)).toEqual(splitPurchasing(timeline({ orders: past }), AS_OF, W));
    expect(splitPurchasing(cut, AS_OF, W).severity).toBe(0.467);
  });
});

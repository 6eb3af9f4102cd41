import { describe, expect, it } from 'vitest';
import { complaints } from '../../src/signals/complaints.js';
import { DEFAULT_WINDOWS } from '../../src/signals/signal.js';
import { type ComplaintSpec, every, type OrderSpec, timeline } from './timeline-builder.js';

// severity = 1 - exp(-0.7 × load / exposure); exposure = max(1, √(orders in (820, 1000] / 6)).
// Weight = severity weight (low 0.5, medium 1, high 1.5, critical 2) × category weight
// (delivery/billing/paperwork 1.2, service 1.1, product 0.9, other 1).
// Open: weight × (0.6 + min(age, 90)/60). Closed: weight × 0.8 × slowness × exp(-days since closed / 180).
const W = DEFAULT_WINDOWS;
const AS_OF = 1000;
/** Two orders in the exposure window: exposure 1. */
const QUIET: OrderSpec[] = [
  [900, 100],
  [1000, 100],
];

function withComplaints(list: readonly ComplaintSpec[], orders: readonly OrderSpec[] = QUIET) {
  return complaints(timeline({ orders, complaints: list, asOf: AS_OF }), AS_OF, W);
}

describe('complaints', () => {
  it('catches an aged open delivery complaint', () => {
    expect(withComplaints([{ opened: 900, category: 'delivery', severity: 'medium' }])).toEqual({
      id: 'complaints',
      // 1.2 × (0.6 + 90/60) = 2.52 (age 100, counted up to 90); 1 - exp(-0.7 × 2.52) = 1 - exp(-1.764) = 0.829
      severity: 0.829,
      evidence: {
        openCount: 1,
        oldestOpenDays: 100,
        openCategories: ['delivery'],
        slowResolvedCount: 0,
        slowResolutionAvgDays: 0,
        recentComplaints: 1,
        complaintsPerOrder: 0.5, // 1 complaint / 2 orders
        load: 2.52,
      },
    });
  });

  it.each([
    // age, severity: open medium delivery, 1.2 × (0.6 + min(age, 90)/60)
    [0, 0.396], // 0.72 -> 1 - exp(-0.504)
    [30, 0.603], // 1.32 -> 1 - exp(-0.924)
    [60, 0.739], // 1.92 -> 1 - exp(-1.344)
    [90, 0.829], // 2.52 -> 1 - exp(-1.764)
    [200, 0.829], // capped at 90 days
  ])('weighs an open complaint more as it ages: %i days -> %s', (age, severity) => {
    expect(withComplaints([{ opened: AS_OF - age, category: 'delivery', severity: 'medium' }]).severity).toBe(severity);
  });

  it.each([
    // open 90+ days: weight × 2.1
    ['low', 'product', 0.484], // 0.5 × 0.9 × 2.1 = 0.945 -> 1 - exp(-0.6615)
    [undefined, undefined, 0.77], // medium × other: 1 × 2.1 -> 1 - exp(-1.47)
    ['high', 'service', 0.912], // 1.5 × 1.1 × 2.1 = 3.465 -> 1 - exp(-2.4255)
    ['critical', 'billing', 0.971], // 2 × 1.2 × 2.1 = 5.04 -> 1 - exp(-3.528)
  ] as const)('weighs by severity and category: %s %s -> %s', (severity, category, expected) => {
    expect(withComplaints([{ opened: 900, severity, category }]).severity).toBe(expected);
  });

  it('adds nothing for complaints resolved within 7 days', () => {
    const result = withComplaints([
      { opened: 950, closed: 957, category: 'delivery', severity: 'critical' },
      { opened: 960, closed: 961, category: 'billing', severity: 'high' },
      { opened: 990, closed: 990 },
    ]);
    expect(result).toEqual({
      id: 'complaints',
      severity: 0,
      evidence: {
        openCount: 0,
        oldestOpenDays: 0,
        openCategories: [],
        slowResolvedCount: 0,
        slowResolutionAvgDays: 0,
        recentComplaints: 3,
        complaintsPerOrder: 1.5,
        load: 0,
      },
    });
  });

  it.each([
    // opened, closed: medium/other, weight 1; slowness = (days to close - 7)/21, fade = exp(-(1000 - closed)/180)
    [972, 1000, 0.429, 0.8], // 28 days: slowness 1, fade 1 -> 0.8 -> 1 - exp(-0.56)
    [986, 1000, 0.17, 0.27], // 14 days: slowness 1/3 -> 0.267 -> 1 - exp(-0.187)
    [792, 820, 0.186, 0.29], // 28 days, closed 180 days ago: 0.8 × e^-1 = 0.294 -> 1 - exp(-0.206)
  ])('counts a slow resolution, fading after it closed: opened %i, closed %i -> %s', (opened, closed, severity, load) => {
    const result = withComplaints([{ opened, closed }]);
    expect(result.severity).toBe(severity);
    expect(result.evidence.load).toBe(load);
    expect(result.evidence.slowResolvedCount).toBe(1);
    expect(result.evidence.slowResolutionAvgDays).toBe(closed - opened);
  });

  it('weighs a closed complaint without a close date lightly', () => {
    // 0.15 × exp(-0/180) = 0.15 -> 1 - exp(-0.105) = 0.1
    expect(withComplaints([{ opened: 1000, status: 'closed' }]).severity).toBe(0.1);
  });

  it('scores a busy customer with the same complaint lower than a quiet one (exposure)', () => {
    const complaint: ComplaintSpec = { opened: 900, category: 'delivery', severity: 'medium' };
    // Quiet: 6 orders in (820, 1000] -> exposure 1 -> 0.829
    const quiet = withComplaints([complaint], every(850, 1000, 30, 100));
    // Busy: 24 orders (839..1000 every 7 days) -> exposure √(24/6) = 2 -> 1 - exp(-0.7 × 2.52 / 2) = 0.586
    const busy = withComplaints([complaint], every(839, 1000, 7, 100));
    expect(quiet.severity).toBe(0.829);
    expect(busy.severity).toBe(0.586);
    expect(busy.evidence.complaintsPerOrder).toBe(0.04); // 1/24
  });

  it('never lowers the severity when an open complaint is added', () => {
    const slow: ComplaintSpec = { opened: 972, closed: 1000 };
    const fresh: ComplaintSpec = { opened: 1000, category: 'delivery' };
    // 0.8 (slow) + 1.2 × 0.6 (fresh) = 1.52 -> 1 - exp(-1.064) = 0.655 > 0.429
    expect(withComplaints([slow]).severity).toBe(0.429);
    expect(withComplaints([slow, fresh]).severity).toBe(0.655);

    const bases: ComplaintSpec[][] = [
      [],
      [slow],
      [{ opened: 950, closed: 955 }],
      [{ opened: 900, status: 'closed' }],
      [{ opened: 990, severity: 'low', category: 'product' }],
    ];
    const added: ComplaintSpec[] = [
      { opened: 1000, severity: 'low', category: 'product' },
      { opened: 970, severity: 'critical', category: 'billing' },
      { opened: 800 },
    ];
    for (const base of bases) {
      for (const extra of added) {
        expect(withComplaints([...base, extra]).severity).toBeGreaterThan(withComplaints(base).severity);
      }
    }
  });

  it('lists the categories of open complaints once each, sorted', () => {
    const result = withComplaints([
      { opened: 990, category: 'delivery' },
      { opened: 980, category: 'billing' },
      { opened: 970, category: 'delivery' },
      { opened: 960, closed: 965, category: 'product' },
    ]);
    expect(result.evidence.openCategories).toEqual(['billing', 'delivery']);
    expect(result.evidence.openCount).toBe(3);
    expect(result.evidence.oldestOpenDays).toBe(30);
  });

  it('gives a customer without complaints severity 0', () => {
    expect(withComplaints([])).toEqual({
      id: 'complaints',
      severity: 0,
      evidence: {
        openCount: 0,
        oldestOpenDays: 0,
        openCategories: [],
        slowResolvedCount: 0,
        slowResolutionAvgDays: 0,
        recentComplaints: 0,
        complaintsPerOrder: 0,
        load: 0,
      },
    });
  });

  it('ignores complaints opened after the as-of date even in an uncut timeline', () => {
    const uncut = timeline({ orders: QUIET, complaints: [{ opened: 1010, category: 'delivery' }] });
    expect(uncut.complaints.length).toBe(1);
    expect(complaints(uncut, AS_OF, W).severity).toBe(0);
    expect(complaints(uncut, AS_OF, W).evidence.recentComplaints).toBe(0);
  });

  it('counts a complaint closed after the as-of date as open (the builder makes the cut)', () => {
    // Opened 900, closed 1050: as of 1000 it is open and 100 days old -> 0.829, as in the first test.
    const result = withComplaints([{ opened: 900, closed: 1050, category: 'delivery' }]);
    expect(result.severity).toBe(0.829);
    expect(result.evidence.openCount).toBe(1);
  });

  it('counts complaints per order as the complaint count when there were no recent orders', () => {
    const result = withComplaints([{ opened: 990 }], [[500, 100]]);
    // 1 × (0.6 + 10/60) = 0.767; no orders in (820, 1000] -> exposure 1; 1 - exp(-0.537) = 0.415
    expect(result.evidence.complaintsPerOrder).toBe(1);
    expect(result.severity).toBe(0.415);
  });
});

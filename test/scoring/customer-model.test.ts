import { describe, expect, it } from 'vitest';
import { bgNbdSummary, FIT_FAILED, fitBookModel, fitModelInputs, modelInputOf, probabilityOfNoOrder } from '../../src/scoring/customer-model.js';
import type { CustomerSummary } from '../../src/scoring/bg-nbd/index.js';
import { join } from 'node:path';
import { buildTimelines } from '../../src/history/build-timelines.js';
import { parseIsoDay } from '../../src/ingest/day.js';
import { fileSource } from '../../src/ingest/input-source.js';
import { readBook } from '../../src/scoring/analyze-book.js';
import { every, timeline } from '../signals/timeline-builder.js';
import { DEMO_ORDERS, ROOT } from '../support/run-churn.js';

describe('bgNbdSummary', () => {
  it('counts repeat order days and measures in weeks from the first order', () => {
    // Orders on days 100, 114, 128: x = 2, tx = 28/7 = 4, T = (170 - 100)/7 = 10
    expect(bgNbdSummary(timeline({ orders: [[100, 1], [114, 1], [128, 1]] }), 170)).toEqual({ x: 2, tx: 4, T: 10 });
  });
});

describe('probabilityOfNoOrder', () => {
  it('is "gone already" plus "alive and no order in t"', () => {
    // r + x = 3, (α+T)/(α+T+t) = 10/20: P(none | alive) = 0.5³ = 0.125; alive 0.8 -> 0.2 + 0.8 × 0.125 = 0.3
    const params = { r: 1, alpha: 4, a: 1, b: 1 };
    expect(probabilityOfNoOrder(params, { x: 2, tx: 5, T: 6 }, 0.8, 10)).toBeCloseTo(0.3, 12);
  });
});

describe('fitBookModel', () => {
  it('needs 20 repeat customers to fit at all', () => {
    const regulars = Array.from({ length: 19 }, (_, i) => timeline({ customerId: `R${i}`, orders: every(100 + i, 700, 14, 100) }));
    expect(fitBookModel(regulars, 730, 90)).toBeUndefined();
  });

  it('on the demo book: a view for every customer with 2+ order days, none for one-time buyers', async () => {
    const book = await readBook({ orders: await fileSource(join(ROOT, DEMO_ORDERS)), orderOptions: {}, complaintOptions: {} });
    const asOf = parseIsoDay('2026-10-31') as number;
    const { timelines } = buildTimelines(book.ledger, book.dates, asOf, undefined, undefined);
    const model = fitBookModel(timelines, asOf, 90);
    const repeat = timelines.filter((t) => t.days.orders.filter((orders) => orders > 0).length >= 2);
    expect(model?.byCustomer.size).toBe(repeat.length);
    for (const view of model?.byCustomer.values() ?? []) {
      // Gone already is part of no order: P(no order) >= 1 - P(alive).
      expect(view.pNoOrder + 1e-12).toBeGreaterThanOrEqual(1 - view.pAlive);
      expect(view.noOrderDays).toBeGreaterThanOrEqual(90);
    }
  });
});

describe('fitModelInputs with a fit made elsewhere', () => {
  it('is asked for exactly the summaries it would fit, and its fit (or its failure) is the book\'s', async () => {
    const book = await readBook({ orders: await fileSource(join(ROOT, DEMO_ORDERS)), orderOptions: {}, complaintOptions: {} });
    const asOf = parseIsoDay('2026-10-31') as number;
    const inputs = buildTimelines(book.ledger, book.dates, asOf, undefined, undefined).timelines.map((t) => modelInputOf(t, asOf));
    const own = fitModelInputs(inputs, 90);
    expect(own).toBeDefined();

    let asked: readonly CustomerSummary[] = [];
    const elsewhere = { ...(own?.fit as NonNullable<typeof own>['fit']), params: { r: 0.5, alpha: 9, a: 0.8, b: 2.5 } };
    const model = fitModelInputs(inputs, 90, {
      fitOf: (summaries) => {
        asked = summaries;
        return elsewhere;
      },
    });
    expect(asked).toEqual(inputs.map((input) => input.summary).filter((summary) => summary.T > 0));
    expect(model?.fit.params).toEqual({ r: 0.5, alpha: 9, a: 0.8, b: 2.5 });
    expect(fitModelInputs(inputs, 90, { fitOf: () => FIT_FAILED })).toBeUndefined();
    expect(fitModelInputs(inputs, 90, { fitOf: () => undefined })?.fit).toEqual(own?.fit);
  });
});

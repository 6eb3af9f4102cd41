import { describe, expect, it } from 'vitest';
import { BookLedger } from '../../src/history/book-ledger.js';
import { dayActivities } from '../../src/history/day-columns.js';
import { DayBuilder } from '../../src/history/day-builder.js';
import type { OrderLine } from '../../src/ingest/order-line.js';

/** Date token n is day 100 + n, except that tokens 4 and 5 are two spellings of day 104. */
const ORDER_DAY = [100, 101, 102, 103, 104, 104, 106];

const line = (dateToken: number, orderId: string | undefined, amountCents: number, extra: Partial<OrderLine> = {}): OrderLine => ({
  line: 2,
  customerId: 'A',
  customerName: undefined,
  orderId,
  dateToken,
  amountCents,
  productLine: undefined,
  rep: undefined,
  ...extra,
});

/** A ledger whose lines were read in parts, as worker threads read a big file: each part its own state. */
function ledgerOfParts(...parts: OrderLine[][]): BookLedger {
  const book = new BookLedger();
  for (const lines of parts) {
    const part = new BookLedger();
    for (const orderLine of lines) part.addOrderLine(orderLine);
    book.absorb(part.exportState(), ORDER_DAY.map((_, token) => token));
  }
  return book;
}

function daysOf(ledger: BookLedger, asOf = 1000) {
  const counts = { rowsUsed: 0, rowsAfterAsOf: 0 };
  const built = new DayBuilder(ledger, ORDER_DAY).daysOf(ledger.findCustomer('A') as number, asOf, counts);
  return { ...built, days: dayActivities(built.days), counts };
}

describe('DayBuilder', () => {
  it('folds parts read into one ledger one after the other (startPart) as it folds parts read into ledgers of their own', () => {
    const first = [line(1, 'SO-1', 1000, { productLine: 'Paper', rep: 'Dana' }), line(2, 'SO-2', 200), line(3, 'SO-4', 50)];
    // An earlier stretch of the file: tokens 1 and 2 again (SO-1 in both parts counts once), then the day before them.
    const second = [line(1, 'SO-1', 500, { productLine: 'Paper', rep: 'Avi' }), line(1, 'SO-3', 300, { productLine: 'Coffee' }), line(2, 'SO-2', -100), line(0, 'SO-0', 700)];
    const oneLedger = new BookLedger();
    for (const orderLine of first) oneLedger.addOrderLine(orderLine);
    oneLedger.startPart();
    for (const orderLine of second) oneLedger.addOrderLine(orderLine);
    const state = oneLedger.exportState();
    // Entries of one date text in each part: the second part's rows did not join the first's.
    expect(Array.from(state.entryToken)).toEqual([1, 2, 3, 1, 2, 0]);
    const joined = new BookLedger();
    joined.absorb(state, ORDER_DAY.map((_, token) => token));
    const apart = daysOf(ledgerOfParts(first, second));
    expect(daysOf(joined)).toEqual(apart);
    expect(apart.days.map(({ day, orders, revenue }) => [day, orders, revenue])).toEqual([
      [100, 1, 7],
      [101, 2, 18],
      [102, 1, 1],
      [103, 1, 0.5],
    ]);
    expect(apart.rep).toBe('Avi');
  });

  it('reads the days of parts gathered out of date order (a thread that took on the end of the file before its middle) as one reading would', () => {
    // Seeded: parts of each thread's ledger in date order or not, many runs or few, ties across parts.
    let seed = 20261124;
    const random = (below: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % below;
    };
    for (let trial = 0; trial < 60; trial++) {
      const threads: OrderLine[][][] = Array.from({ length: 1 + random(3) }, () =>
        Array.from({ length: 1 + random(trial < 30 ? 3 : 12) }, () =>
          Array.from({ length: 1 + random(6) }, () =>
            line(random(7), `SO-${random(5)}`, 10 + random(990), { productLine: ['Paper', 'Tea', 'Coffee'][random(3)], rep: ['Dana', 'Avi'][random(2)] }),
          ).sort((a, b) => (trial % 2 === 0 ? a.dateToken - b.dateToken : 0)),
        ),
      );
      const book = new BookLedger();
      for (const parts of threads) {
        const thread = new BookLedger();
        parts.forEach((lines, index) => {
          if (index > 0) thread.startPart();
          for (const orderLine of lines) thread.addOrderLine(orderLine);
        });
        book.absorb(thread.exportState(), ORDER_DAY.map((_, token) => token));
      }
      const oneReading = new BookLedger();
      for (const orderLine of threads.flat(2)) oneReading.addOrderLine(orderLine);
      expect(daysOf(book)).toEqual(daysOf(oneReading));
    }
  });

  it('folds one date read in two parts: an order id in both parts counts once, cents add up', () => {
    const ledger = ledgerOfParts(
      [line(1, 'SO-1', 1000, { productLine: 'Paper' }), line(1, 'SO-2', 200)],
      [line(1, 'SO-1', 500, { productLine: 'Paper' }), line(1, 'SO-3', 300, { productLine: 'Coffee' })],
    );
    const { days } = daysOf(ledger);
    expect(days).toEqual([
      {
        day: 101,
        orders: 3,
        revenue: 20,
        lines: [
          { productLine: 'Coffee', revenue: 3 },
          { productLine: 'Paper', revenue: 15 },
        ],
      },
    ]);
  });

  it('gives each customer their own product lines in name order, the day lines their places, whatever order they were first bought in', () => {
    const ledger = ledgerOfParts([
      line(1, 'SO-1', 700, { productLine: 'Tea' }),
      line(2, 'SO-2', 300, { productLine: 'Coffee' }),
      line(2, 'SO-2', 500, { productLine: 'Tea' }),
      line(3, 'SO-3', 900, { productLine: 'Paper' }),
      line(1, 'SO-9', 100, { customerId: 'B', productLine: 'Tea' }),
      line(1, 'SO-9', 200, { customerId: 'B', productLine: 'Apples' }),
    ]);
    const builder = new DayBuilder(ledger, ORDER_DAY);
    const counts = { rowsUsed: 0, rowsAfterAsOf: 0 };
    const a = builder.daysOf(ledger.findCustomer('A') as number, 1000, counts).days;
    expect(a.productLines).toEqual(['Coffee', 'Paper', 'Tea']);
    expect(Array.from(a.lineStart)).toEqual([0, 1, 3, 4]);
    expect(Array.from(a.lineProduct)).toEqual([2, 0, 2, 1]);
    expect(Array.from(a.lineRevenue)).toEqual([7, 3, 5, 9]);
    // The next customer starts afresh: A's places are not B's.
    const b = builder.daysOf(ledger.findCustomer('B') as number, 1000, counts).days;
    expect(b.productLines).toEqual(['Apples', 'Tea']);
    expect(Array.from(b.lineProduct)).toEqual([0, 1]);
    expect(Array.from(b.lineRevenue)).toEqual([2, 1]);
  });

  it('keeps every day and its product lines when customers interleave (the lines are reordered on export)', () => {
    const rows: OrderLine[] = [];
    for (let token = 0; token < 4; token++) {
      for (const customerId of ['B', 'A']) {
        for (const productLine of ['Tea', 'Paper', 'Coffee']) {
          if (customerId === 'A' && productLine === 'Tea' && token % 2 === 0) continue;
          rows.push(line(token, `${customerId}-${token}`, 100 * (token + 1), { customerId, productLine }));
        }
      }
    }
    const ledger = ledgerOfParts(rows.slice(0, 10), rows.slice(10));
    const builder = new DayBuilder(ledger, ORDER_DAY);
    const linesOf = (customerId: string) =>
      dayActivities(builder.daysOf(ledger.findCustomer(customerId) as number, 1000, { rowsUsed: 0, rowsAfterAsOf: 0 }).days).map((day) => day.lines.map((l) => `${l.productLine} ${l.revenue}`).join(', '));
    expect(linesOf('A')).toEqual(['Coffee 1, Paper 1', 'Coffee 2, Paper 2, Tea 2', 'Coffee 3, Paper 3', 'Coffee 4, Paper 4, Tea 4']);
    expect(linesOf('B')).toEqual(['Coffee 1, Paper 1, Tea 1', 'Coffee 2, Paper 2, Tea 2', 'Coffee 3, Paper 3, Tea 3', 'Coffee 4, Paper 4, Tea 4']);
  });

  it('adds two spellings of one day, sorts days read out of order, and counts rows after the as-of date', () => {
    const ledger = ledgerOfParts([line(5, 'SO-9', 100), line(2, 'SO-1', 100)], [line(4, 'SO-8', 100), line(6, 'SO-7', 100), line(0, 'SO-0', 100)]);
    const { days, counts } = daysOf(ledger, 105);
    expect(days.map((day) => [day.day, day.orders])).toEqual([
      [100, 1],
      [102, 1],
      [104, 2],
    ]);
    expect(counts).toEqual({ rowsUsed: 4, rowsAfterAsOf: 1 });
  });

  it('without order ids a day is one order; a day of returns only is none', () => {
    const ledger = ledgerOfParts([line(0, undefined, 100), line(0, undefined, 250), line(1, undefined, -100)]);
    expect(daysOf(ledger).days.map((day) => [day.day, day.orders, day.revenue])).toEqual([
      [100, 1, 3.5],
      [101, 0, -1],
    ]);
  });

  it('takes the latest name and rep, the smaller one on the same day, whatever the part', () => {
    const ledger = ledgerOfParts(
      [line(0, 'SO-1', 100, { customerName: 'Old Name', rep: 'Zed' }), line(3, 'SO-2', 100, { customerName: 'Zeta Ltd', rep: 'Yael' })],
      [line(3, 'SO-3', 100, { customerName: 'Alpha Ltd' }), line(6, 'SO-4', 100)],
    );
    const { name, rep } = daysOf(ledger);
    expect([name, rep]).toEqual(['Alpha Ltd', 'Yael']);
    // As of day 102 only the first day counts.
    const early = daysOf(ledger, 102);
    expect([early.name, early.rep]).toEqual(['Old Name', 'Zed']);
  });

  it('reads back values past the narrow columns: 70,000 rows on a day, product line and label numbers past 65,535, cents past 2^31', () => {
    const part = new BookLedger();
    // Numbered before any row, so the customer's name is label 70,000 and 'line 69999' product line 69,999.
    for (let label = 0; label < 70_000; label++) part.labelNumber(`label ${label}`);
    for (let productLine = 0; productLine < 70_000; productLine++) part.productLineNumber(`line ${String(productLine).padStart(5, '0')}`);
    for (let row = 0; row < 70_000; row++) part.addOrderLine(line(2, 'SO-1', 1, { productLine: 'line 00000', customerName: 'Zed Ltd' }));
    part.addOrderLine(line(2, 'SO-2', 3_000_000_000, { productLine: 'line 69999' }));
    const book = new BookLedger();
    book.absorb(part.exportState(), ORDER_DAY.map((_, token) => token));
    const { days, name, counts } = daysOf(book);
    expect(counts).toEqual({ rowsUsed: 70_001, rowsAfterAsOf: 0 });
    expect(name).toBe('Zed Ltd');
    expect(days).toEqual([
      {
        day: 102,
        orders: 2,
        revenue: 30_000_700,
        lines: [
          { productLine: 'line 00000', revenue: 700 },
          { productLine: 'line 69999', revenue: 30_000_000 },
        ],
      },
    ]);
  });

  it('orderDaySpan: the first and last order day and their count, as the days read them', () => {
    // Day 104 twice (two spellings, two parts), a day of returns only (102), a day after the as-of date (106).
    const ledger = ledgerOfParts(
      [line(6, 'SO-9', 700), line(4, 'SO-3', 300), line(1, 'SO-1', 100)],
      [line(2, 'SO-2', -200), line(5, 'SO-4', 400), line(1, 'SO-1', 50)],
    );
    const builder = new DayBuilder(ledger, ORDER_DAY);
    const customer = ledger.findCustomer('A') as number;
    const orderDays = daysOf(ledger, 105).days.filter((day) => day.orders > 0);
    expect(orderDays.map((day) => day.day)).toEqual([101, 104]);
    expect(builder.orderDaySpan(customer, 105)).toEqual({ first: 101, last: 104, orderDays: 2 });
    expect(builder.orderDaySpan(customer, 1000)).toEqual({ first: 101, last: 106, orderDays: 3 });
    expect(builder.orderDaySpan(customer, 100)).toBeUndefined();
    expect(builder.orderDaySpan(customer, 102)).toEqual({ first: 101, last: 101, orderDays: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { BookLedger, hashOrderId } from '../../src/history/book-ledger.js';
import { dayActivities } from '../../src/history/day-columns.js';
import { DayBuilder } from '../../src/history/day-builder.js';
import { linesOfEntry, netCentsOfEntry } from '../support/ledger-state.js';
import { prng } from '../support/malformed-corpus.js';

/** Date token n is day 100 + n. */
const ORDER_DAY = Array.from({ length: 10 }, (_, token) => 100 + token);
const daysOf = (ledger: BookLedger, id: string) => {
  const customer = ledger.findCustomer(id);
  return customer === undefined ? [] : dayActivities(new DayBuilder(ledger, ORDER_DAY).daysOf(customer, 1000, { rowsUsed: 0, rowsAfterAsOf: 0 }).days);
};
const complaintsOf = (ledger: BookLedger, id: string) => {
  const customer = ledger.findCustomer(id);
  return customer === undefined ? undefined : ledger.complaintsOf(customer);
};

const line = (customerId: string, orderId: string | undefined, amountCents: number, productLine?: string) => ({
  line: 2,
  customerId,
  customerName: undefined,
  orderId,
  dateToken: 0,
  amountCents,
  productLine,
  rep: undefined,
});
const complaint = (customerId: string) => ({
  line: 2,
  customerId,
  complaintId: undefined,
  openedToken: 0,
  closedToken: -1,
  status: undefined,
  category: undefined,
  severity: undefined,
});

describe('BookLedger', () => {
  it('folds lines into one day: exact cents, distinct orders, spend per product line', () => {
    const ledger = new BookLedger();
    ledger.addOrderLine(line('A', 'SO-1', 1000, 'Paper'));
    ledger.addOrderLine(line('A', 'SO-1', 250, 'Coffee'));
    ledger.addOrderLine(line('A', 'SO-2', 500, 'Paper'));
    ledger.addOrderLine(line('A', 'RT-1', -300, 'Paper'));
    const [day, ...more] = daysOf(ledger, 'A');
    expect(more).toEqual([]);
    expect(day?.revenue).toBe(14.5);
    expect(day?.orders).toBe(2); // RT-1 has no sale line
    // Paper 1000 + 500 - 300, Coffee 250; in name order
    expect(day?.lines).toEqual([
      { productLine: 'Coffee', revenue: 2.5 },
      { productLine: 'Paper', revenue: 12 },
    ]);
    expect([0, 1].map((n) => ledger.productLineName(n))).toEqual(['Paper', 'Coffee']);
  });

  it('finds each customer-day again among 120,000, written three times each in shuffled order', () => {
    const ledger = new BookLedger();
    const customers = Array.from({ length: 3000 }, (_, n) => ledger.customerNumber(`C${n}`));
    const writes: Array<[number, number, number]> = [];
    for (const customer of customers) for (let token = 0; token < 40; token++) for (let time = 1; time <= 3; time++) writes.push([customer, token, time]);
    const random = prng(7);
    for (let i = writes.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [writes[i], writes[j]] = [writes[j] as [number, number, number], writes[i] as [number, number, number]];
    }
    for (const [customer, token, time] of writes) ledger.addInternedLine(customer, token, customer * 100 + token * 10 + time, -1, -1, -1, -1);
    const state = ledger.exportState();
    expect(state.customerStart.at(-1)).toBe(120_000);
    for (const customer of customers) {
      const from = state.customerStart[customer] as number;
      expect((state.customerStart[customer + 1] as number) - from).toBe(40);
      const tokens = Array.from(state.entryToken.subarray(from, from + 40)).sort((a, b) => a - b);
      expect(tokens).toEqual(Array.from({ length: 40 }, (_, token) => token));
    }
    expect(Array.from(state.entryRows).every((rows) => rows === 3)).toBe(true);
    // Each entry's cents: 3 × (customer × 100 + token × 10) + 1 + 2 + 3.
    for (const customer of customers) {
      for (let entry = state.customerStart[customer] as number; entry < (state.customerStart[customer + 1] as number); entry++) {
        expect(netCentsOfEntry(state, entry)).toBe(3 * (customer * 100 + (state.entryToken[entry] as number) * 10) + 6);
      }
    }
  });

  it('keeps a net only for rows that name no product line: the rest is in the lines', () => {
    const ledger = new BookLedger();
    const customer = ledger.customerNumber('C1');
    const paper = ledger.productLineNumber('Paper');
    const ink = ledger.productLineNumber('Ink');
    ledger.addInternedLine(customer, 0, 1000, 1, paper, -1, -1);
    ledger.addInternedLine(customer, 0, 250, 1, ink, -1, -1);
    ledger.addInternedLine(customer, 1, 400, 2, ink, -1, -1);
    ledger.addInternedLine(customer, 1, -150, 3, -1, -1, -1);
    ledger.addInternedLine(customer, 1, 70, 3, -1, -1, -1);
    const state = ledger.exportState();
    const byToken = new Map(Array.from(state.entryToken, (token, entry) => [token, entry]));
    const [first, second] = [byToken.get(0) as number, byToken.get(1) as number];
    expect([state.entryUnlinedCents[first], netCentsOfEntry(state, first)]).toEqual([0, 1250]);
    expect([state.entryUnlinedCents[second], netCentsOfEntry(state, second)]).toEqual([-80, 320]);
  });

  it('rows in date order need no lookup of earlier days; a row back on an earlier day, late in the read, still finds its day', () => {
    const ledger = new BookLedger();
    const customers = Array.from({ length: 500 }, (_, n) => ledger.customerNumber(`C${n}`));
    // Tokens numbered in date order, as a file sorted by date numbers them; each row its own order.
    for (let token = 0; token < 30; token++) {
      for (const customer of customers) {
        ledger.addInternedLine(customer, token, 100, 2 * token, -1, -1, -1);
        ledger.addInternedLine(customer, token, 100, 2 * token + 1, -1, -1, -1);
      }
    }
    // Late corrections on day 3, then one more new day.
    for (const customer of customers) ledger.addInternedLine(customer, 3, 1, 999, -1, -1, -1);
    for (const customer of customers) ledger.addInternedLine(customer, 30, 100, 1000, -1, -1, -1);
    const state = ledger.exportState();
    for (const customer of customers) {
      const from = state.customerStart[customer] as number;
      const to = state.customerStart[customer + 1] as number;
      expect(to - from).toBe(31);
      const rowsByToken = new Map<number, number>();
      const centsByToken = new Map<number, number>();
      for (let entry = from; entry < to; entry++) {
        rowsByToken.set(state.entryToken[entry] as number, state.entryRows[entry] as number);
        centsByToken.set(state.entryToken[entry] as number, netCentsOfEntry(state, entry));
      }
      expect(rowsByToken.size).toBe(31);
      expect(rowsByToken.get(3)).toBe(3);
      expect(centsByToken.get(3)).toBe(201);
      expect(rowsByToken.get(30)).toBe(1);
      expect(rowsByToken.get(29)).toBe(2);
    }
  });

  it('lists the date tokens with a line, sale or return, each once, across parts (tokens renumbered)', () => {
    const part = (rows: Array<[string, number, number]>) => {
      const ledger = new BookLedger();
      rows.forEach(([customer, token, cents], row) => ledger.addInternedLine(ledger.customerNumber(customer), token, cents, row, -1, -1, -1));
      return ledger.exportState();
    };
    const book = new BookLedger();
    // Part one: tokens 0 and 2 have a sale, 1 only a return.
    book.absorb(part([['A', 0, 500], ['B', 1, -200], ['A', 2, 300], ['B', 2, -100]]), [0, 1, 2]);
    // Part two, its tokens 0 and 1 as the book's 5 and 2: 5 only returns, 2 a sale again; 4 has no line.
    book.absorb(part([['C', 0, -50], ['C', 1, 700], ['A', 0, -10]]), [5, 2]);
    expect(book.lineTokens()).toEqual([0, 1, 2, 5]);
  });

  it('exports the same state when asked to free what it gave up, and asks twice: after the hash (when it was built), after the line chains', () => {
    const write = (ledger: BookLedger): void => {
      for (let row = 0; row < 5000; row++) {
        const customer = ledger.customerNumber(`C${row % 97}`);
        ledger.addInternedLine(customer, row % 13, row * 7 - 900, row % 31, ledger.productLineNumber(`P${row % 5}`), -1, -1);
      }
    };
    const plain = new BookLedger();
    write(plain);
    const freeing = new BookLedger();
    write(freeing);
    let calls = 0;
    expect(freeing.exportState(() => calls++)).toEqual(plain.exportState());
    expect(calls).toBe(2);
    // Rows in date order never build the hash: only the line chains are given up.
    const dated = new BookLedger();
    for (let row = 0; row < 500; row++) dated.addInternedLine(dated.customerNumber(`C${row % 7}`), Math.floor(row / 10), 100, row, -1, -1, -1);
    let datedCalls = 0;
    dated.exportState(() => datedCalls++);
    expect(datedCalls).toBe(1);
  });

  it('sums runs of an order\'s lines as it would line by line: rows, cents, sales, orders, names, reps, product lines', () => {
    const ledger = new BookLedger();
    const customers = ['A', 'B', 'C'].map((id) => ledger.customerNumber(id));
    const labels = ['Zed', 'Amy', 'Moe'].map((label) => ledger.labelNumber(label));
    const products = ['Paper', 'Ink'].map((product) => ledger.productLineNumber(product));
    const random = prng(11);
    const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
    type Expected = { rows: number; cents: number; sale: boolean; orders: Set<number>; name: number; rep: number; productCents: Map<number, number> };
    const expected = new Map<string, Expected>();
    for (let run = 0; run < 400; run++) {
      const customer = pick(customers);
      const token = pick([0, 1, 2]);
      const order = pick([-1, 101, 102, 103]);
      const name = pick([-1, ...labels]);
      const rep = pick([-1, ...labels]);
      const lines = 1 + Math.floor(random() * 4);
      for (let line = 0; line < lines; line++) {
        const cents = Math.round((random() - 0.2) * 10_000);
        const product = pick([-1, ...products]);
        ledger.addInternedLine(customer, token, cents, order, product, name, rep);
        const key = `${customer}|${token}`;
        const entry = expected.get(key) ?? { rows: 0, cents: 0, sale: false, orders: new Set<number>(), name: 0, rep: 0, productCents: new Map<number, number>() };
        expected.set(key, entry);
        entry.rows++;
        entry.cents += cents;
        if (cents >= 0) {
          entry.sale = true;
          if (order !== -1) entry.orders.add(order);
        }
        const smaller = (current: number, label: number) => (label === -1 ? current : current === 0 || ledger.labelName(label) < ledger.labelName(current - 1) ? label + 1 : current);
        entry.name = smaller(entry.name, name);
        entry.rep = smaller(entry.rep, rep);
        if (product !== -1) entry.productCents.set(product, (entry.productCents.get(product) ?? 0) + cents);
      }
    }
    const state = ledger.exportState();
    let entries = 0;
    for (const customer of customers) {
      for (let entry = state.customerStart[customer] as number; entry < (state.customerStart[customer + 1] as number); entry++) {
        entries++;
        const want = expected.get(`${customer}|${state.entryToken[entry]}`) as Expected;
        expect(state.entryRows[entry]).toBe(want.rows);
        expect(netCentsOfEntry(state, entry)).toBe(want.cents);
        expect(((state.entryFlags[entry] as number) & 1) === 1).toBe(want.sale);
        expect(state.entryOrders[entry]).toBe(want.orders.size);
        expect([state.entryName[entry], state.entryRep[entry]]).toEqual([want.name, want.rep]);
        const productCents = new Map<number, number>();
        const [firstLine, endLine] = linesOfEntry(state, entry);
        for (let line = firstLine; line < endLine; line++) productCents.set(state.lineProduct[line] as number, state.lineCents[line] as number);
        expect(productCents).toEqual(want.productCents);
      }
    }
    expect(entries).toBe(expected.size);
  });

  it('a run of 40 lines over 20 product lines keeps each line\'s cents', () => {
    const ledger = new BookLedger();
    const customer = ledger.customerNumber('A');
    const products = Array.from({ length: 20 }, (_, n) => ledger.productLineNumber(`P${n}`));
    for (let line = 0; line < 40; line++) ledger.addInternedLine(customer, 0, 100 + line, 7, products[line % 20] as number, -1, -1);
    const state = ledger.exportState();
    expect(state.entryRows[0]).toBe(40);
    const cents = new Map<string, number>();
    const [firstLine, endLine] = linesOfEntry(state, 0);
    for (let line = firstLine; line < endLine; line++) cents.set(ledger.productLineName(state.lineProduct[line] as number), state.lineCents[line] as number);
    expect(cents).toEqual(new Map(Array.from({ length: 20 }, (_, n) => [`P${n}`, 100 + n + 100 + n + 20])));
  });

  it('finds each entry\'s lines from counts: a customer with none between, a day of 300 lines, more than a byte holds', () => {
    const book = () => {
      const ledger = new BookLedger();
      const [before, , many, after] = ['A', 'B', 'C', 'D'].map((id) => ledger.customerNumber(id)) as [number, number, number, number];
      const products = Array.from({ length: 300 }, (_, n) => ledger.productLineNumber(`P${String(n).padStart(3, '0')}`));
      ledger.addInternedLine(before, 0, 10, 1, products[0] as number, -1, -1);
      ledger.addInternedLine(before, 0, 20, 1, products[1] as number, -1, -1);
      products.forEach((product, n) => ledger.addInternedLine(many, 0, n, 2, product, -1, -1));
      ledger.addInternedLine(many, 1, 7, 3, products[5] as number, -1, -1);
      ledger.addInternedLine(after, 1, 99, 4, products[9] as number, -1, -1);
      return ledger;
    };
    const state = book().exportState();
    // Customers are numbered as first seen: A 0, B 1 (no rows), C 2, D 3.
    expect(state.customerStart[2]).toBe(state.customerStart[1]);
    const linesOf = (customer: number) =>
      Array.from({ length: (state.customerStart[customer + 1] as number) - (state.customerStart[customer] as number) }, (_, k) => {
        const [first, end] = linesOfEntry(state, (state.customerStart[customer] as number) + k);
        return Array.from({ length: end - first }, (_, at) => state.lineCents[first + at] as number).sort((x, y) => x - y);
      });
    expect(linesOf(0)).toEqual([[10, 20]]);
    expect(linesOf(2).map((cents) => cents.length)).toEqual([300, 1]);
    expect(linesOf(2)[1]).toEqual([7]);
    expect(linesOf(3)).toEqual([[99]]);
    // The day builder counts its way through the same lines.
    const [first, second] = daysOf(book(), 'C');
    expect(first?.lines.length).toBe(300);
    expect(first?.revenue).toBe((299 * 300) / 2 / 100);
    expect(second?.lines).toEqual([{ productLine: 'P005', revenue: 0.07 }]);
    expect(daysOf(book(), 'D')[0]?.lines).toEqual([{ productLine: 'P009', revenue: 0.99 }]);
  });

  it('counts past the lines of a day after the as-of date to find those of an earlier day read after it', () => {
    const ledger = new BookLedger();
    const customer = ledger.customerNumber('A');
    const [ink, paper] = [ledger.productLineNumber('Ink'), ledger.productLineNumber('Paper')];
    // A late day first in the file, then an earlier one: the as-of date falls between them.
    ledger.addInternedLine(customer, 5, 900, 1, ink, -1, -1);
    ledger.addInternedLine(customer, 5, 800, 1, paper, -1, -1);
    ledger.addInternedLine(customer, 1, 300, 2, paper, -1, -1);
    const counts = { rowsUsed: 0, rowsAfterAsOf: 0 };
    const days = dayActivities(new DayBuilder(ledger, ORDER_DAY).daysOf(customer, 103, counts).days);
    expect(days).toEqual([{ day: 101, orders: 1, revenue: 3, lines: [{ productLine: 'Paper', revenue: 3 }] }]);
    expect(counts).toEqual({ rowsUsed: 1, rowsAfterAsOf: 2 });
  });

  it('counts 300 orders on one day, more than a byte holds, and one order on the next', () => {
    const ledger = new BookLedger();
    const customer = ledger.customerNumber('A');
    for (let order = 1; order <= 300; order++) ledger.addInternedLine(customer, 0, 100, order, -1, -1, -1);
    ledger.addInternedLine(customer, 1, 100, 301, -1, -1, -1);
    const state = ledger.exportState();
    expect([state.entryOrders[0], state.entryOrders[1]]).toEqual([300, 1]);
    expect(state.entryOrders).toBeInstanceOf(Uint16Array);
  });

  it('hashes order ids with FNV-1a (32 bits)', () => {
    expect(hashOrderId('')).toBe(0x811c9dc5);
    expect(hashOrderId('a')).toBe(0xe40c292c);
  });

  it('joins complaints filed under an id written without leading zeros or in another case', () => {
    const ledger = new BookLedger();
    ledger.addOrderLine(line('00123', undefined, 100));
    ledger.addOrderLine(line('C7', undefined, 100));
    ledger.addComplaint(complaint('123'));
    ledger.addComplaint(complaint('c7'));
    ledger.addComplaint(complaint('999'));
    expect(ledger.reconcileComplaintCustomers()).toBe(2);
    expect(complaintsOf(ledger, '00123')?.map((c) => c.customerId)).toEqual(['00123']);
    expect(complaintsOf(ledger, 'C7')).toHaveLength(1);
    expect(complaintsOf(ledger, '123')).toEqual([]);
    expect(complaintsOf(ledger, '999')).toHaveLength(1); // no match: stays, and is rejected later
  });

  it('does not join when two orders customers match the same loose id', () => {
    const ledger = new BookLedger();
    ledger.addOrderLine(line('0042', undefined, 100));
    ledger.addOrderLine(line('042', undefined, 100));
    ledger.addComplaint(complaint('42'));
    expect(ledger.reconcileComplaintCustomers()).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import {
  customerStartsOf,
  entryOrdersAndLineTokens,
  lineCountsOf,
  placeLinesInCustomerOrder,
  placesInCustomerOrder,
} from '../../src/history/customer-order.js';

// Five entries of three customers, written out of customer order: customer 1, 0, 1, 2, 0.
// The column is longer than the entries, as a growable column's storage is.
const entryCustomer = Int32Array.from([1, 0, 1, 2, 0, 7, 7]);
const ENTRIES = 5;
const CUSTOMERS = 3;

describe('customerStartsOf', () => {
  it('gives where each customer starts in customer order, and the end, from the first entries only', () => {
    expect(Array.from(customerStartsOf(entryCustomer, ENTRIES, CUSTOMERS))).toEqual([0, 2, 4, 5]);
  });

  it('gives a customer without entries an empty run', () => {
    expect(Array.from(customerStartsOf(Int32Array.from([2, 0]), 2, 3))).toEqual([0, 1, 1, 2]);
  });
});

describe('placesInCustomerOrder', () => {
  it("places each entry in its customer's run, keeping a customer's entries in their order", () => {
    const starts = customerStartsOf(entryCustomer, ENTRIES, CUSTOMERS);
    expect(Array.from(placesInCustomerOrder(entryCustomer, ENTRIES, starts, CUSTOMERS))).toEqual([2, 0, 3, 4, 1]);
  });
});

describe('lineCountsOf and placeLinesInCustomerOrder', () => {
  // Lines chained newest first, stored + 1 (0 ends a chain): entry 0 has lines 2 -> 0, entry 1
  // line 1, entry 2 line 3, entry 4 lines 5 -> 4; entry 3 has none.
  const entryLineHead = Int32Array.from([3, 2, 4, 0, 6]);
  const placed = Int32Array.from([2, 0, 3, 4, 1]);

  it("counts lines per entry in customer order, and where each customer's lines start", () => {
    const lineNext = Int32Array.from([0, 0, 1, 0, 0, 5]);
    const { entryLines, customerLineStart } = lineCountsOf(entryLineHead, lineNext, entryCustomer, placed, ENTRIES, CUSTOMERS);
    // Customer order: entry 1 (1 line), entry 4 (2), entry 0 (2), entry 2 (1), entry 3 (0).
    expect(Array.from(entryLines)).toEqual([1, 2, 2, 1, 0]);
    expect(Array.from(customerLineStart)).toEqual([0, 3, 6, 6]);
  });

  it('reads entries past the end of a shorter head column as having no lines', () => {
    const lineNext = Int32Array.from([0, 0, 1, 0, 0, 5]);
    const { entryLines, customerLineStart } = lineCountsOf(entryLineHead.subarray(0, 2), lineNext, entryCustomer, placed, ENTRIES, CUSTOMERS);
    expect(Array.from(entryLines)).toEqual([1, 0, 2, 0, 0]);
    expect(Array.from(customerLineStart)).toEqual([0, 1, 3, 3]);
  });

  it('widens the counts past 255 lines on one entry', () => {
    const lineNext = Int32Array.from({ length: 300 }, (_, line) => line);
    const { entryLines } = lineCountsOf(Int32Array.from([300]), lineNext, Int32Array.from([0]), Int32Array.from([0]), 1, 1);
    expect(entryLines).toBeInstanceOf(Uint16Array);
    expect(Array.from(entryLines)).toEqual([300]);
  });

  it("writes each line's place over its link: a customer's lines in entry order, each entry's newest first", () => {
    const lineNext = Int32Array.from([0, 0, 1, 0, 0, 5]);
    const { customerLineStart } = lineCountsOf(entryLineHead, lineNext, entryCustomer, placed, ENTRIES, CUSTOMERS);
    placeLinesInCustomerOrder(entryLineHead, lineNext, entryCustomer, ENTRIES, customerLineStart, CUSTOMERS);
    // Customer 0: entry 1 (line 1), entry 4 (lines 5, 4) -> places 0, 1, 2.
    // Customer 1: entry 0 (lines 2, 0), entry 2 (line 3) -> places 3, 4, 5.
    expect(Array.from(lineNext)).toEqual([4, 0, 3, 5, 2, 1]);
  });
});

describe('entryOrdersAndLineTokens', () => {
  const HAS_SALE = 1;
  const HAS_ORDER = 2;

  it('counts one order for an entry with an order id, and lists each entry date token once, ascending, returns-only days too', () => {
    const flags = Uint8Array.from([HAS_SALE | HAS_ORDER, 0, HAS_ORDER, HAS_SALE, HAS_SALE]);
    const tokens = Uint16Array.from([9, 4, 2, 1, 9]);
    const { entryOrders, lineTokens } = entryOrdersAndLineTokens(flags, tokens, 5, HAS_ORDER);
    expect(Array.from(entryOrders)).toEqual([1, 0, 1, 0, 0]);
    expect(lineTokens).toEqual([1, 2, 4, 9]);
  });

  it('takes date tokens past its first table', () => {
    const { lineTokens } = entryOrdersAndLineTokens(Uint8Array.from([HAS_SALE, HAS_SALE]), Uint16Array.from([5000, 3]), 2, HAS_ORDER);
    expect(lineTokens).toEqual([3, 5000]);
  });
});

import { grown } from './growable-array.js';
import { holding, type ColumnArray } from './widening-column.js';

// The loops of the ledger's export (BookLedger.exportState), one function each. The export runs
// once per thread, so its loops start cold: V8 compiles a hot loop on the fly (on-stack
// replacement) together with the whole function around it, and in one long function each loop's
// compiled code gave up at the next loop, which no run had reached yet, and the next loop was
// compiled again with all the others (a thread's export of 115,000 entries took 60-100 ms in a
// report, against ~15 ms warm, the third in one process). A loop in a function of its own is
// compiled alone and runs to its end.

/** Where each customer's entries start in customer order (one more for the end), from each entry's customer. */
export function customerStartsOf(entryCustomer: Int32Array, entries: number, customers: number): Int32Array {
  const customerStart = new Int32Array(customers + 1);
  for (let entry = 0; entry < entries; entry++) {
    const next = (entryCustomer[entry] as number) + 1;
    customerStart[next] = (customerStart[next] as number) + 1;
  }
  return runningTotals(customerStart, customers);
}

/** Each entry's place in customer order, a customer's entries keeping their order. */
export function placesInCustomerOrder(entryCustomer: Int32Array, entries: number, customerStart: Int32Array, customers: number): Int32Array {
  const position = customerStart.slice(0, customers);
  const placed = new Int32Array(entries);
  for (let entry = 0; entry < entries; entry++) {
    const customer = entryCustomer[entry] as number;
    placed[entry] = position[customer] as number;
    position[customer] = (position[customer] as number) + 1;
  }
  return placed;
}

/**
 * Product lines per entry in customer order (`placed`), and where each customer's lines start:
 * counted along each entry's chain of lines (`entryLineHead`: the newest line + 1, 0 for none;
 * `lineNext` links to the one before it the same way).
 */
export function lineCountsOf(
  entryLineHead: Int32Array,
  lineNext: Int32Array,
  entryCustomer: Int32Array,
  placed: Int32Array,
  entries: number,
  customers: number,
): { entryLines: ColumnArray; customerLineStart: Int32Array } {
  let entryLines: ColumnArray = new Uint8Array(entries);
  const customerLineStart = new Int32Array(customers + 1);
  // The head column is as long as its highest write: entries past it have no lines.
  const headed = Math.min(entries, entryLineHead.length);
  for (let entry = 0; entry < headed; entry++) {
    let lines = 0;
    for (let link = entryLineHead[entry] as number; link !== 0; link = lineNext[link - 1] as number) lines++;
    if (lines === 0) continue;
    if (lines > 0xff) entryLines = holding(entryLines, lines);
    entryLines[placed[entry] as number] = lines;
    const next = (entryCustomer[entry] as number) + 1;
    customerLineStart[next] = (customerLineStart[next] as number) + lines;
  }
  return { entryLines, customerLineStart: runningTotals(customerLineStart, customers) };
}

/**
 * Each line's place in customer order, written over its link in `lineNext` (which the chains no
 * longer need): a customer's lines follow one another from `customerLineStart`, entry by entry,
 * each entry's newest first.
 */
export function placeLinesInCustomerOrder(entryLineHead: Int32Array, lineNext: Int32Array, entryCustomer: Int32Array, entries: number, customerLineStart: Int32Array, customers: number): void {
  const lineCursor = customerLineStart.slice(0, customers);
  const headed = Math.min(entries, entryLineHead.length);
  for (let entry = 0; entry < headed; entry++) {
    let link = entryLineHead[entry] as number;
    if (link === 0) continue;
    const customer = entryCustomer[entry] as number;
    let to = lineCursor[customer] as number;
    while (link !== 0) {
      const next = lineNext[link - 1] as number;
      lineNext[link - 1] = to++;
      link = next;
    }
    lineCursor[customer] = to;
  }
}

/**
 * Orders per entry (1 with an order id; a day of several gets its count from the extra hashes), and
 * the date tokens of the entries (days with a line, a sale or a return), each once.
 */
export function entryOrdersAndLineTokens(entryFlags: ColumnArray, entryToken: ColumnArray, entries: number, hasOrderId: number): { entryOrders: ColumnArray; lineTokens: number[] } {
  const entryOrders = new Uint8Array(entries);
  // A flag per token rather than a Set: millions of entries share a few thousand date texts.
  let hasLine = new Uint8Array(1024);
  for (let at = 0; at < entries; at++) {
    if (((entryFlags[at] as number) & hasOrderId) !== 0) entryOrders[at] = 1;
    const token = entryToken[at] as number;
    if (token >= hasLine.length) hasLine = grown(hasLine, Math.max(token + 1, hasLine.length * 2));
    hasLine[token] = 1;
  }
  const lineTokens: number[] = [];
  for (let token = 0; token < hasLine.length; token++) if (hasLine[token] === 1) lineTokens.push(token);
  return { entryOrders, lineTokens };
}

function runningTotals(counts: Int32Array, customers: number): Int32Array {
  for (let customer = 0; customer < customers; customer++) counts[customer + 1] = (counts[customer + 1] as number) + (counts[customer] as number);
  return counts;
}

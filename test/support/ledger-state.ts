import type { LedgerState } from '../../src/history/book-ledger.js';

// An exported ledger read entry by entry, to check an export; the day builder reads the same
// columns customer by customer, keeping the line count as it goes.

/**
 * The product lines of an entry, [first, end), counted on from its customer's first line (a
 * customer's entries are read in order: the day builder keeps the count as it goes).
 */
export function linesOfEntry(state: LedgerState, entry: number): [number, number] {
  // The customer: the last whose entries start at or before this one (customerStart[0] is 0, the last is every entry).
  let low = 0;
  let high = state.customerStart.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if ((state.customerStart[middle] as number) <= entry) low = middle;
    else high = middle;
  }
  let first = state.customerLineStart[low] as number;
  for (let earlier = state.customerStart[low] as number; earlier < entry; earlier++) first += state.entryLines[earlier] as number;
  return [first, first + (state.entryLines[entry] as number)];
}

/** An entry's net cents: its rows with no product line and its lines (whole cents, so any order of adding gives the same). */
export function netCentsOfEntry(state: LedgerState, entry: number): number {
  let cents = state.entryUnlinedCents[entry] as number;
  const [first, end] = linesOfEntry(state, entry);
  for (let line = first; line < end; line++) cents += state.lineCents[line] as number;
  return cents;
}

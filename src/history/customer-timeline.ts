import type { Day } from '../ingest/day.js';
import type { ComplaintCategory, ComplaintSeverity } from '../ingest/complaint-vocabulary.js';

/** Revenue of one product line on one day (net of returns). */
export interface LineRevenue {
  readonly productLine: string;
  readonly revenue: number;
}

/** Everything a customer did on one calendar day: one row of DayColumns, as the drill-down lists it. */
export interface DayActivity {
  readonly day: Day;
  /** Orders placed that day; 0 on a day with only returns. */
  readonly orders: number;
  /** Net revenue: sales less returns. */
  readonly revenue: number;
  /** Per product line, sorted by name. */
  readonly lines: readonly LineRevenue[];
}

/**
 * A customer's days up to the as-of date, oldest first, one typed column per figure: a book's
 * timelines hold millions of days and product-line days, and an object for each was most of the
 * cost of reading them. Day `i` is `day[i]`, `orders[i]` (0 on a day with only returns) and
 * `revenue[i]` (net: sales less returns); its product lines are the line columns from
 * `lineStart[i]` up to `lineStart[i + 1]`, in name order.
 */
export interface DayColumns {
  readonly day: Float64Array;
  readonly orders: Int32Array;
  readonly revenue: Float64Array;
  /** One more than the days: the last is where the line columns end. */
  readonly lineStart: Int32Array;
  /** The product line, as its place in `productLines`. */
  readonly lineProduct: Int32Array;
  /** Net revenue of the product line that day. */
  readonly lineRevenue: Float64Array;
  /** Every product line the days mention, in name order. */
  readonly productLines: readonly string[];
}

export interface ComplaintRecord {
  readonly complaintId: string | undefined;
  readonly openedDay: Day;
  /** Open at the as-of date: no close date by then, and not marked closed. */
  readonly open: boolean;
  /** The day it was closed, when the export says (a closed complaint may lack it). */
  readonly closedDay: Day | undefined;
  readonly category: ComplaintCategory | undefined;
  readonly severity: ComplaintSeverity | undefined;
}

/** One customer's history as of a date: the input of every signal. */
export interface CustomerTimeline {
  readonly customerId: string;
  readonly name: string | undefined;
  readonly rep: string | undefined;
  /** Sorted by day; at least one day has orders. */
  readonly days: DayColumns;
  /** Sorted by opened day, then id. */
  readonly complaints: readonly ComplaintRecord[];
}

import type { BookAnalysis } from '../scoring/analyze-book.js';
import type { CustomerChange, RunChanges } from '../scoring/change-since.js';
import type { RepTotals } from '../scoring/rep-totals.js';
import type { ScoredCustomer } from '../scoring/score-customer.js';
import type { Segment } from '../scoring/segment-customers.js';

/** One listed customer and what this run adds to it. */
export interface ReportRow {
  readonly rank: number;
  readonly customer: ScoredCustomer;
  /** Present when the run compares with `--previous`. */
  readonly change?: CustomerChange | undefined;
  /** Present when the run asks for `--segment`; null for customers in no group. */
  readonly segment?: Segment | null | undefined;
}

/** Everything a reporter may show besides the rows. */
export interface ReportContext {
  readonly analysis: BookAnalysis;
  readonly currency: string | undefined;
  readonly changes?: RunChanges | undefined;
  /** Present with `--by rep`. */
  readonly repTotals?: readonly RepTotals[] | undefined;
  /** The rep the report is filtered to (`--rep`). */
  readonly rep?: string | undefined;
}

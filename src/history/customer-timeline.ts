import type { Day } from '../ingest/day.js';
import type { ComplaintCategory, ComplaintSeverity } from '../ingest/complaint-vocabulary.js';

/** Revenue of one product line on one day (net of returns). */
export interface LineRevenue {
  readonly productLine: string;
  readonly revenue: number;
}

/** Everything a customer did on one calendar day, up to the as-of date. */
export interface DayActivity {
  readonly day: Day;
  /** Orders placed that day; 0 on a day with only returns. */
  readonly orders: number;
  /** Net revenue: sales less returns. */
  readonly revenue: number;
  /** Per product line, sorted by name. */
  readonly lines: readonly LineRevenue[];
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
  readonly days: readonly DayActivity[];
  /** Sorted by opened day, then id. */
  readonly complaints: readonly ComplaintRecord[];
}

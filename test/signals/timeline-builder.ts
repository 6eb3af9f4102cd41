/**
 * Small literal timelines for the signal and scoring tests.
 *
 *   timeline({
 *     orders: [[900, 150, { Paper: 100, Coffee: 50 }], [910, 100], [915, -20, {}, 0]],
 *     complaints: [{ opened: 950, category: 'delivery' }],
 *     asOf: 1000,
 *   })
 *
 * An order is `[day, revenue, lines?, orders?]`: day as a day number or 'YYYY-MM-DD', lines as
 * `{ productLine: revenue }` (none when omitted), orders placed that day (1 when omitted; 0 for a
 * return-only day). Specs on the same day are merged, as the ingest merges rows.
 *
 * With `asOf`, the builder makes the cut that `buildTimelines` makes: days after it are left out,
 * complaints opened after it are left out, and a complaint closed after it is still open.
 */
import type { ComplaintRecord, CustomerTimeline, DayActivity, LineRevenue } from '../../src/history/customer-timeline.js';
import { compareText } from '../../src/history/compare-text.js';
import { dayColumnsOf } from '../../src/history/day-columns.js';
import type { ComplaintCategory, ComplaintSeverity } from '../../src/ingest/complaint-vocabulary.js';
import { type Day, parseIsoDay } from '../../src/ingest/day.js';

export type DayInput = Day | string;
/** Revenue per product line; an undefined entry (from a conditional spread) is no line. */
export type Lines = { readonly [productLine: string]: number | undefined };
export type OrderSpec = readonly [day: DayInput, revenue: number, lines?: Lines, orders?: number];

export interface ComplaintSpec {
  readonly opened: DayInput;
  /** Close date; with none, the complaint is open unless `status: 'closed'` (closed, undated). */
  readonly closed?: DayInput;
  readonly status?: 'open' | 'closed';
  readonly category?: ComplaintCategory;
  readonly severity?: ComplaintSeverity;
  readonly id?: string;
}

export interface TimelineSpec {
  readonly orders: readonly OrderSpec[];
  readonly complaints?: readonly ComplaintSpec[];
  readonly asOf?: DayInput;
  readonly customerId?: string;
  readonly name?: string;
  readonly rep?: string;
}

export function day(input: DayInput): Day {
  if (typeof input === 'number') return input;
  const parsed = parseIsoDay(input);
  if (parsed === undefined) throw new Error(`not a date: ${input}`);
  return parsed;
}

export function timeline(spec: TimelineSpec): CustomerTimeline {
  const asOf = spec.asOf === undefined ? Number.POSITIVE_INFINITY : day(spec.asOf);
  const byDay = new Map<Day, { orders: number; revenue: number; lines: Map<string, number> }>();
  for (const [dayInput, revenue, lines = {}, orders = 1] of spec.orders) {
    const d = day(dayInput);
    if (d > asOf) continue;
    let merged = byDay.get(d);
    if (merged === undefined) {
      merged = { orders: 0, revenue: 0, lines: new Map() };
      byDay.set(d, merged);
    }
    merged.orders += orders;
    merged.revenue += revenue;
    for (const [productLine, lineRevenue] of Object.entries(lines)) {
      if (lineRevenue === undefined) continue;
      merged.lines.set(productLine, (merged.lines.get(productLine) ?? 0) + lineRevenue);
    }
  }
  const days: DayActivity[] = [...byDay.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([d, merged]) => ({
      day: d,
      orders: merged.orders,
      revenue: merged.revenue,
      lines: [...merged.lines.entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([productLine, revenue]): LineRevenue => ({ productLine, revenue })),
    }));

  const complaints: ComplaintRecord[] = (spec.complaints ?? [])
    .map((c) => ({ ...c, openedDay: day(c.opened), closedOn: c.closed === undefined ? undefined : day(c.closed) }))
    .filter((c) => c.openedDay <= asOf)
    .map((c): ComplaintRecord => {
      const closedByAsOf = c.closedOn !== undefined && c.closedOn <= asOf;
      return {
        complaintId: c.id,
        openedDay: c.openedDay,
        open: c.closedOn === undefined ? c.status !== 'closed' : !closedByAsOf,
        closedDay: closedByAsOf ? c.closedOn : undefined,
        category: c.category,
        severity: c.severity,
      };
    })
    .sort((a, b) => a.openedDay - b.openedDay || compareText(a.complaintId ?? '', b.complaintId ?? ''));

  return { customerId: spec.customerId ?? 'C1', name: spec.name, rep: spec.rep, days: dayColumnsOf(days), complaints };
}

/**
 * An order of `revenue` every `step` days from `from` through `to`: `every(500, 520, 10, 250)` is
 * orders on days 500, 510 and 520. Revenue and lines may be functions of the order's day.
 */
export function every(
  from: Day,
  to: Day,
  step: number,
  revenue: number | ((d: Day) => number),
  lines?: Lines | ((d: Day) => Lines),
): OrderSpec[] {
  const orders: OrderSpec[] = [];
  for (let d = from; d <= to; d += step) {
    const dayLines = typeof lines === 'function' ? lines(d) : lines;
    const dayRevenue = typeof revenue === 'function' ? revenue(d) : revenue;
    orders.push(dayLines === undefined ? [d, dayRevenue] : [d, dayRevenue, dayLines]);
  }
  return orders;
}

/** An order whose revenue is the sum of its lines. */
export function basket(d: DayInput, lines: Lines): OrderSpec {
  return [d, sumOf(lines), lines];
}

/** `every` for baskets: each order's revenue is the sum of its lines. */
export function baskets(from: Day, to: Day, step: number, lines: Lines | ((d: Day) => Lines)): OrderSpec[] {
  const linesOf = typeof lines === 'function' ? lines : () => lines;
  return every(from, to, step, (d) => sumOf(linesOf(d)), linesOf);
}

function sumOf(lines: Lines): number {
  return Object.values(lines).reduce((sum: number, value) => sum + (value ?? 0), 0);
}

import type { CustomerTimeline } from '../history/customer-timeline.js';
import type { OrderDaySpan } from '../history/day-builder.js';
import { countOrderDays, firstOrderDay, lastOrderDay, orderGapMedian } from '../history/timeline-queries.js';
import type { Day } from '../ingest/day.js';
import { expectedPurchases, fitBgNbd, pAlive, type BgNbdFit, type BgNbdParams, type CustomerSummary } from './bg-nbd/index.js';
import { BOOK_FIT_OPTIONS } from './book-fit-options.js';

const DAYS_PER_WEEK = 7;

/** BG/NBD's view of one customer: how likely still a customer, and how many orders to expect. */
export interface ModelView {
  readonly pAlive: number;
  /** Expected orders in the next `horizonDays`. */
  readonly expectedOrders: number;
  /** Probability of no order at all in the next `noOrderDays`: the model's churn risk. */
  readonly pNoOrder: number;
  /** The horizon, widened for slow buyers to CADENCE_MULTIPLE of their usual gap. */
  readonly noOrderDays: number;
}

/**
 * A slow buyer (an order a quarter) often goes 90 days without one and is fine: their chance of
 * no order is taken over at least this many of their usual gaps.
 */
const CADENCE_MULTIPLE = 2;

export interface BookModel {
  readonly fit: BgNbdFit;
  readonly horizonDays: number;
  /** Customers with two or more order days; a single order is BG/NBD's degenerate case (P(alive) = 1). */
  readonly byCustomer: ReadonlyMap<string, ModelView>;
}

/** The BG/NBD inputs of a timeline, in weeks: repeat order days, last order, age. */
export function bgNbdSummary(timeline: CustomerTimeline, asOf: Day): CustomerSummary {
  return bgNbdSummaryOfSpan({ first: firstOrderDay(timeline), last: lastOrderDay(timeline), orderDays: countOrderDays(timeline) }, asOf);
}

/** bgNbdSummary from the span of the order days alone (one expression for both, so the same bits). */
export function bgNbdSummaryOfSpan(span: OrderDaySpan, asOf: Day): CustomerSummary {
  return {
    x: span.orderDays - 1,
    tx: (span.last - span.first) / DAYS_PER_WEEK,
    T: (asOf - span.first) / DAYS_PER_WEEK,
  };
}

/** What the model needs of one customer, taken while their timeline is at hand. */
export interface ModelInput {
  readonly customerId: string;
  readonly summary: CustomerSummary;
  /** Median days between order days; NaN with fewer than two order days. */
  readonly medianGapDays: number;
}

export function modelInputOf(timeline: CustomerTimeline, asOf: Day): ModelInput {
  const summary = bgNbdSummary(timeline, asOf);
  return { customerId: timeline.customerId, summary, medianGapDays: summary.x < 1 ? Number.NaN : orderGapMedian(timeline) };
}

/**
 * Fit BG/NBD to the whole book as of a day and read off every repeat customer. Undefined when the
 * book cannot support a fit (too few repeat customers, or the optimiser fails): the report then
 * goes on without model numbers rather than with wrong ones.
 */
export function fitBookModel(timelines: readonly CustomerTimeline[], asOf: Day, horizonDays: number): BookModel | undefined {
  return fitModelInputs(
    timelines.map((timeline) => modelInputOf(timeline, asOf)),
    horizonDays,
  );
}

/**
 * fitBookModel from the customers' model inputs (see modelInputOf). `fitted`, when given, may hold
 * the fit of these same summaries made elsewhere (startBackgroundFit): undefined when it has none.
 */
export function fitModelInputs(inputs: readonly ModelInput[], horizonDays: number, fitted?: PrefittedModel): BookModel | undefined {
  const summaries = inputs.map((input) => input.summary);
  if (!canFitBook(summaries)) return undefined;
  const fitSummaries = summaries.filter((summary) => summary.T > 0);
  let fit = fitted?.fitOf(fitSummaries);
  if (fit === undefined) {
    try {
      fit = fitBgNbd(fitSummaries, BOOK_FIT_OPTIONS);
    } catch {
      return undefined;
    }
  }
  if (fit === FIT_FAILED) return undefined;
  const byCustomer = new Map<string, ModelView>();
  for (const { customerId, summary, medianGapDays } of inputs) {
    if (summary.x < 1) continue;
    const alive = pAlive(fit.params, summary);
    const noOrderDays = Math.max(horizonDays, Math.round(CADENCE_MULTIPLE * medianGapDays));
    byCustomer.set(customerId, {
      pAlive: alive,
      expectedOrders: expectedPurchases(fit.params, summary, horizonDays / DAYS_PER_WEEK),
      pNoOrder: probabilityOfNoOrder(fit.params, summary, alive, noOrderDays / DAYS_PER_WEEK),
      noOrderDays,
    });
  }
  return { fit, horizonDays, byCustomer };
}

/**
 * P(no order in the next t | x, tx, T) under BG/NBD: gone already, or alive and no order in t.
 * Alive, the purchase rate's posterior is Gamma(r + x, α + T), so P(none in t) is
 * ((α+T)/(α+T+t))^(r+x); a customer can only drop out after an order, so none can come first.
 */
export function probabilityOfNoOrder(params: BgNbdParams, summary: CustomerSummary, alive: number, t: number): number {
  const noneIfAlive = Math.exp((params.r + summary.x) * (Math.log(params.alpha + summary.T) - Math.log(params.alpha + summary.T + t)));
  return 1 - alive + alive * noneIfAlive;
}

/** Fewer repeat customers than this cannot pin down four parameters. */
const MIN_REPEAT_CUSTOMERS = 20;

/** Whether fitModelInputs would try a fit on a book of these summaries. */
export function canFitBook(summaries: readonly CustomerSummary[]): boolean {
  let repeatCustomers = 0;
  for (const summary of summaries) if (summary.x > 0) repeatCustomers++;
  return repeatCustomers >= MIN_REPEAT_CUSTOMERS;
}

/** A fit made to the same summaries elsewhere threw: the book gets no model, as when it throws here. */
export const FIT_FAILED = 'failed';

/** A fit made apart from the timelines' walk, handed over when its summaries are exactly these. */
export interface PrefittedModel {
  /** The fit, FIT_FAILED, or undefined when there is none for exactly these summaries (then fit here). */
  fitOf(summaries: readonly CustomerSummary[]): BgNbdFit | typeof FIT_FAILED | undefined;
}

import { buildTimelines } from '../../history/build-timelines.js';
import type { CustomerTimeline } from '../../history/customer-timeline.js';
import { lastOrderDay, orderGapMedian } from '../../history/timeline-queries.js';
import type { Day } from '../../ingest/day.js';
import { UserError } from '../../ingest/user-error.js';
import { analyzeReadBook, type ReadBook } from '../analyze-book.js';
import type { ScoringSettings } from '../scoring-settings.js';
import type { SignalId } from '../../signals/signal.js';
import { eligibleAtCutoff, outcomeAfter, type BacktestOutcome } from './backtest-outcomes.js';
import { rocAuc } from './roc-auc.js';
import { topShareMetrics, type TopShareMetrics } from './top-share-metrics.js';

export const BACKTEST_SCORES = ['churn-signals', 'recency', 'recency-per-gap', 'bg-nbd'] as const;
export type BacktestScore = (typeof BACKTEST_SCORES)[number];
export const BACKTEST_LABELS = ['lapsed', 'shrunk'] as const;
export type BacktestLabel = (typeof BACKTEST_LABELS)[number];
export const TOP_SHARE = 0.1;

export interface ScoreMetrics extends TopShareMetrics {
  readonly score: BacktestScore;
  readonly label: BacktestLabel;
  readonly auc: number;
}

export interface BacktestResult {
  readonly cutoff: Day;
  readonly horizonDays: number;
  /** The last day with an order in the whole export: a horizon past it is cut short. */
  readonly latestOrderDay: Day;
  readonly eligible: number;
  readonly positives: Readonly<Record<BacktestLabel, number>>;
  readonly metrics: readonly ScoreMetrics[];
}

/** Per eligible customer, every score compared (higher = riskier) and what then happened. */
export interface BacktestCase {
  readonly outcome: BacktestOutcome;
  readonly scores: Readonly<Partial<Record<BacktestScore, number>>>;
  /** With `withSeverities`: each signal's severity and the model's P(no order), for fitting weights. */
  readonly severities?: Readonly<Record<SignalId, number>>;
  readonly modelRisk?: number;
}

/**
 * Score the book as of the cut-off using only rows dated on or before it, then look at what each
 * eligible customer did in (cut-off, cut-off + horizon], and measure how well each score ranked
 * the customers who lapsed or shrank.
 */
export function runBacktest(book: ReadBook, cutoff: Day, horizonDays: number, scoring: ScoringSettings): BacktestResult {
  const cases = backtestCases(book, cutoff, horizonDays, scoring);
  const positives = {
    lapsed: cases.filter((c) => c.outcome.lapsed).length,
    shrunk: cases.filter((c) => c.outcome.shrunk).length,
  };
  const metrics: ScoreMetrics[] = [];
  for (const label of BACKTEST_LABELS) {
    const labels = cases.map((c) => c.outcome[label]);
    const revenues = cases.map((c) => c.outcome.pastRevenue);
    for (const score of BACKTEST_SCORES) {
      if (cases.some((c) => c.scores[score] === undefined)) continue;
      const values = cases.map((c) => c.scores[score] as number);
      metrics.push({ score, label, auc: rocAuc(values, labels), ...topShareMetrics(values, labels, revenues, TOP_SHARE) });
    }
  }
  return { cutoff, horizonDays, latestOrderDay: book.latestOrderDay ?? cutoff, eligible: cases.length, positives, metrics };
}

/** The eligible customers at the cut-off with their scores and outcomes (also the input of weight fitting). */
export function backtestCases(
  book: ReadBook,
  cutoff: Day,
  horizonDays: number,
  scoring: ScoringSettings,
  options: { withSeverities?: boolean } = {},
): BacktestCase[] {
  // The model looks as far ahead as the backtest does.
  const analysis = analyzeReadBook(book, cutoff, { ...scoring, model: { ...scoring.model, horizonDays } }, 'risk');
  const later = new Map(
    buildTimelines(book.ledger, book.dates, cutoff + horizonDays, undefined, undefined).timelines.map((t) => [t.customerId, t]),
  );
  const { timelines } = buildTimelines(book.ledger, book.dates, cutoff, undefined, undefined);
  const scored = new Map(analysis.customers.map((customer) => [customer.customerId, customer]));
  const cases: BacktestCase[] = [];
  for (const timeline of timelines) {
    if (!eligibleAtCutoff(timeline, cutoff)) continue;
    const after = later.get(timeline.customerId) as CustomerTimeline;
    const daysSince = cutoff - lastOrderDay(timeline);
    const customer = scored.get(timeline.customerId);
    cases.push({
      outcome: outcomeAfter(after, cutoff, horizonDays),
      ...(options.withSeverities
        ? {
            severities: Object.fromEntries((customer?.signals ?? []).map((signal) => [signal.id, signal.severity])) as Record<SignalId, number>,
            modelRisk: customer?.model?.pNoOrder ?? 0,
          }
        : {}),
      scores: {
        'churn-signals': customer?.riskScore ?? 0,
        recency: daysSince,
        'recency-per-gap': daysSince / Math.max(1, orderGapMedian(timeline)),
        // BG/NBD's own ranking; one-time buyers are not eligible, so every case has a P(alive).
        ...(analysis.model === undefined ? {} : { 'bg-nbd': 1 - (customer?.model?.pAlive ?? 1) }),
      },
    });
  }
  if (cases.length === 0) {
    throw new UserError('backtest_no_customers', 'no customer is eligible at the cut-off (2+ orders, one in the year before)', {
      hint: 'Pick an --as-of with a year of history before it',
    });
  }
  return cases;
}

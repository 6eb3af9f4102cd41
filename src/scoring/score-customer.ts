import type { CustomerTimeline } from '../history/customer-timeline.js';
import { baselineAnnualRevenue, countOrderDays, firstOrderDay, lastOrderDay, orderGapMedian } from '../history/timeline-queries.js';
import type { Day } from '../ingest/day.js';
import { ALL_SIGNALS } from '../signals/all-signals.js';
import { monthlyTrendPct } from '../signals/volume-decline.js';
import { round, SIGNAL_IDS, type SignalResult } from '../signals/signal.js';
import {
  LAPSED_GAP_MULTIPLE,
  LAPSED_MIN_SILENT_DAYS,
  LAPSED_THIN_SILENT_DAYS,
  MIN_ORDER_DAYS_TO_JUDGE,
  NEW_CUSTOMER_DAYS,
  type ScoringSettings,
  type SignalWeights,
} from './scoring-settings.js';
import type { ModelView } from './customer-model.js';

export type RiskLevel = 'high' | 'medium' | 'low';
export type CustomerStatus = 'active' | 'at-risk' | 'lapsed' | 'new';

/** Who the customer is and what their history shows, before any score. */
export interface CustomerFigures {
  readonly customerId: string;
  readonly name: string | undefined;
  readonly rep: string | undefined;
  /** Baseline revenue per year (rounded to cents once scored). */
  readonly annualRevenue: number;
  readonly firstOrderDay: Day;
  readonly lastOrderDay: Day;
  readonly orderDays: number;
  /** Distinct product lines ever bought (0 when the export has neither category nor sku). */
  readonly productLines: number;
  /** Revenue trend over the last year, % of an average month per month. */
  readonly revenueTrendPct: number;
}

export interface ScoredCustomer extends CustomerFigures {
  readonly riskScore: number;
  readonly riskLevel: RiskLevel;
  readonly status: CustomerStatus;
  readonly valueAtRisk: number;
  /** Strongest evidence first: the first one is the customer's main reason. */
  readonly signals: readonly SignalResult[];
  /** BG/NBD's view, for customers with two or more order days when the book supports a fit. */
  readonly model: ScoredModel | undefined;
}

export interface ScoredModel extends ModelView {
  /** What the model adds to the score's noisy-OR: weight × pNoOrder (0 in a seasonal lull). */
  readonly contribution: number;
  readonly horizonDays: number;
}

/**
 * What a customer's timeline alone says: every signal, the status before the score is known, and
 * the figures the report shows. Small and timeline-free, so a whole book of them can wait for the
 * model fit while each timeline is dropped as soon as it is assessed.
 */
export interface CustomerAssessment extends CustomerFigures {
  readonly results: readonly SignalResult[];
  /** `new`, `lapsed` or `active` (active turns at-risk once the level is known). */
  readonly historyStatus: CustomerStatus;
}

/** Run every signal on one customer and keep what the score needs. */
export function assessCustomer(timeline: CustomerTimeline, asOf: Day, settings: ScoringSettings): CustomerAssessment {
  const results = ALL_SIGNALS.map(([, signal]) => signal(timeline, asOf, settings.windows));
  return {
    customerId: timeline.customerId,
    name: timeline.name,
    rep: timeline.rep,
    results,
    historyStatus: customerStatus(timeline, asOf, results),
    annualRevenue: baselineAnnualRevenue(timeline, asOf, settings.windows.recentDays, settings.windows.baselineDays),
    firstOrderDay: firstOrderDay(timeline),
    lastOrderDay: lastOrderDay(timeline),
    orderDays: countOrderDays(timeline),
    productLines: timeline.days.productLines.length,
    revenueTrendPct: revenueTrendPct(timeline, asOf, results),
  };
}

/** The monthly revenue trend in %, as the volume signal's evidence has it (computed here when the signal stopped short of it). */
function revenueTrendPct(timeline: CustomerTimeline, asOf: Day, results: readonly SignalResult[]): number {
  const fromSignal = results.find((result) => result.id === 'volume_decline')?.evidence.monthlyTrendPct;
  return typeof fromSignal === 'number' ? fromSignal : round(monthlyTrendPct(timeline, asOf) * 100, 1);
}

/** Combine an assessment (and the model's view, when there is one) into a score, level, status and value at risk. */
export function scoreAssessment(assessment: CustomerAssessment, settings: ScoringSettings, modelView?: ModelView): ScoredCustomer {
  const { results, historyStatus: status, annualRevenue } = assessment;
  const model = modelView === undefined ? undefined : scoredModel(modelView, results, settings);
  const riskScore = combineSeverities(results, settings.weights, model?.contribution ?? 0);
  let riskLevel: RiskLevel =
    riskScore >= settings.thresholds.high ? 'high' : riskScore >= settings.thresholds.medium ? 'medium' : 'low';
  // A new customer has not shown a rhythm to break: never rate them high.
  if (status === 'new' && riskLevel === 'high') riskLevel = 'medium';
  const finalStatus: CustomerStatus = status === 'active' && riskLevel !== 'low' ? 'at-risk' : status;
  return {
    customerId: assessment.customerId,
    name: assessment.name,
    rep: assessment.rep,
    riskScore,
    riskLevel,
    status: finalStatus,
    valueAtRisk: round((annualRevenue * riskScore) / 100),
    annualRevenue: round(annualRevenue),
    firstOrderDay: assessment.firstOrderDay,
    lastOrderDay: assessment.lastOrderDay,
    orderDays: assessment.orderDays,
    productLines: assessment.productLines,
    revenueTrendPct: assessment.revenueTrendPct,
    signals: orderBySeverity(results, settings.weights),
    model,
  };
}

/** Run every signal on one customer and combine them into a score, level, status and value at risk. */
export function scoreCustomer(
  timeline: CustomerTimeline,
  asOf: Day,
  settings: ScoringSettings,
  modelView?: ModelView,
): ScoredCustomer {
  return scoreAssessment(assessCustomer(timeline, asOf, settings), settings, modelView);
}

/**
 * The model's part of the score: its chance of no order in the horizon, weighted. A silence the
 * calendar explains (the customer was as quiet at this time in earlier years) is not held against
 * them: BG/NBD knows nothing of seasons.
 */
function scoredModel(view: ModelView, results: readonly SignalResult[], settings: ScoringSettings): ScoredModel {
  const seasonal = results.find((result) => result.id === 'widening_gaps')?.evidence.seasonalSilence === 1;
  return {
    pAlive: round(view.pAlive, 4),
    expectedOrders: round(view.expectedOrders, 3),
    pNoOrder: round(view.pNoOrder, 4),
    noOrderDays: view.noOrderDays,
    contribution: seasonal ? 0 : round(settings.model.weight * view.pNoOrder, 4),
    horizonDays: settings.model.horizonDays,
  };
}

/**
 * Noisy-OR: each signal alone can raise the score up to its weight, and several moderate signals
 * together count for more than any one of them; the model's contribution (weight × P(no order))
 * joins as one more term. 0..100, one decimal.
 */
export function combineSeverities(results: readonly SignalResult[], weights: SignalWeights, modelContribution = 0): number {
  let unharmed = 1 - modelContribution;
  for (const result of results) unharmed *= 1 - weights[result.id] * result.severity;
  return round(100 * (1 - unharmed), 1);
}

/**
 * Reasons in order of the strength of their evidence (severity), ties by weight, then by the fixed
 * signal order. Not by weight × severity: a weight says how much a signal should move the score
 * next to the model, not which story is the customer's.
 */
function orderBySeverity(results: readonly SignalResult[], weights: SignalWeights): SignalResult[] {
  return [...results].sort(
    (a, b) =>
      b.severity - a.severity || weights[b.id] - weights[a.id] || SIGNAL_IDS.indexOf(a.id) - SIGNAL_IDS.indexOf(b.id),
  );
}

/** `new` and `lapsed` come from the order history alone; `at-risk` is decided from the level. */
function customerStatus(timeline: CustomerTimeline, asOf: Day, results: readonly SignalResult[]): CustomerStatus {
  const first = firstOrderDay(timeline);
  const daysSilent = asOf - lastOrderDay(timeline);
  if (asOf - first < NEW_CUSTOMER_DAYS) return 'new';
  if (countOrderDays(timeline) < MIN_ORDER_DAYS_TO_JUDGE) {
    return daysSilent >= LAPSED_THIN_SILENT_DAYS ? 'lapsed' : 'new';
  }
  const gaps = results.find((result) => result.id === 'widening_gaps')?.evidence;
  // Too few gaps for the gap signal's cadence: the median of the few there are still says how long silence is long.
  const usualGap = typeof gaps?.usualGapDays === 'number' ? gaps.usualGapDays : orderGapMedian(timeline);
  const seasonal = gaps?.seasonalSilence === 1;
  if (!seasonal && daysSilent >= LAPSED_MIN_SILENT_DAYS && daysSilent >= LAPSED_GAP_MULTIPLE * usualGap) return 'lapsed';
  return 'active';
}

import type { Day } from '../../ingest/day.js';
import { UserError } from '../../ingest/user-error.js';
import type { ReadBook } from '../analyze-book.js';
import type { ScoringSettings, SignalWeights } from '../scoring-settings.js';
import { SIGNAL_IDS } from '../../signals/signal.js';
import { round } from '../../signals/signal.js';
import { fitLogistic } from './fit-logistic.js';
import { backtestCases, runBacktest, type BacktestResult } from './run-backtest.js';

const MIN_TRAIN_HORIZON_DAYS = 30;
/** Fewer lapsed (or retained) customers than this and a fit learns noise. */
const MIN_CASES_PER_CLASS = 30;

/** Pull every coefficient toward 0: with few customers the fit should stay near "no effect". */
const L2_PENALTY = 1;

export interface FittedWeights {
  readonly weights: SignalWeights;
  readonly modelWeight: number;
  readonly trainCutoff: Day;
  readonly trainHorizonDays: number;
  readonly validationCutoff: Day;
  readonly horizonDays: number;
  /** Backtest at the validation cut-off with the default and with the fitted weights. */
  readonly withDefaults: BacktestResult;
  readonly withFitted: BacktestResult;
}

/**
 * Learn the weights from the user's own history, time-split: a regularised logistic model of
 * "lapsed" on the signal severities and the model's P(no order) at an earlier cut-off (whose
 * horizon has fully passed by the later one), validated by backtesting both weight sets at the later
 * cut-off. A coefficient β becomes the noisy-OR weight 1 − e^(−β) (the hazard a severity of 1
 * adds); a negative one means the signal does not help here, and its weight becomes 0.
 */
export function fitWeights(
  book: ReadBook,
  validationCutoff: Day,
  horizonDays: number,
  defaults: ScoringSettings,
  trainCutoffDay?: Day,
): FittedWeights {
  const trainCutoff = trainCutoffDay ?? validationCutoff - horizonDays;
  // Training outcomes must be known by the validation cut-off: nothing from after it is used.
  const trainHorizon = Math.min(horizonDays, validationCutoff - trainCutoff);
  if (trainHorizon < MIN_TRAIN_HORIZON_DAYS) {
    throw new UserError('train_too_late', 'the training cut-off leaves too short a window before the validation cut-off', {
      hint: `Pick --train-as-of at least ${MIN_TRAIN_HORIZON_DAYS} days before --as-of`,
    });
  }
  const cases = backtestCases(book, trainCutoff, trainHorizon, defaults, { withSeverities: true });
  const lapsed = cases.filter((c) => c.outcome.lapsed).length;
  if (Math.min(lapsed, cases.length - lapsed) < MIN_CASES_PER_CLASS) {
    throw new UserError(
      'too_few_outcomes',
      `at the training cut-off ${lapsed} of ${cases.length} eligible customers lapsed: too few of one kind to learn weights from`,
      { hint: `Keep the default weights, or pick a --train-as-of with at least ${MIN_CASES_PER_CLASS} lapsed and ${MIN_CASES_PER_CLASS} retained customers` },
    );
  }
  const rows = cases.map((c) => [...SIGNAL_IDS.map((id) => c.severities?.[id] ?? 0), c.modelRisk ?? 0]);
  const fit = fitLogistic(rows, cases.map((c) => c.outcome.lapsed), L2_PENALTY);
  const toWeight = (beta: number | undefined) => round(Math.min(0.95, Math.max(0, 1 - Math.exp(-(beta ?? 0)))), 3);
  const weights = Object.fromEntries(SIGNAL_IDS.map((id, index) => [id, toWeight(fit.coefficients[index])])) as unknown as SignalWeights;
  const modelWeight = toWeight(fit.coefficients[SIGNAL_IDS.length]);
  const fitted: ScoringSettings = { ...defaults, weights, model: { ...defaults.model, weight: modelWeight } };
  return {
    weights,
    modelWeight,
    trainCutoff,
    trainHorizonDays: trainHorizon,
    validationCutoff,
    horizonDays,
    withDefaults: runBacktest(book, validationCutoff, horizonDays, defaults),
    withFitted: runBacktest(book, validationCutoff, horizonDays, fitted),
  };
}

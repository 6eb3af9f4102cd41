import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import { formatDay } from '../ingest/day.js';
import type { FittedWeights } from '../scoring/backtest/fit-weights.js';
import { BACKTEST_LABELS, TOP_SHARE, type BacktestLabel, type BacktestResult, type BacktestScore } from '../scoring/backtest/run-backtest.js';

const SCORE_WORDS: Record<BacktestScore, string> = {
  'churn-signals': 'churn-signals score',
  recency: 'days since last order',
  'recency-per-gap': 'days since last order ÷ median gap',
  'bg-nbd': 'BG/NBD 1 − P(alive)',
};

const LABEL_WORDS: Record<BacktestLabel, string> = {
  lapsed: 'lapsed (no order in the horizon)',
  shrunk: 'shrunk (lapsed, or revenue below half of the window before)',
};

/** The backtest as tables: one per label, every score side by side. */
export function renderBacktest(result: BacktestResult, color: ChalkInstance, fitted?: FittedWeights): string {
  const parts = [headline(result)];
  for (const label of BACKTEST_LABELS) parts.push(metricsTable(result, label, color));
  if (fitted !== undefined) parts.push(fittedBlock(fitted));
  return `${parts.join('\n')}\n`;
}

function headline(result: BacktestResult): string {
  const end = result.cutoff + result.horizonDays;
  const cut = end > result.latestOrderDay ? ` (the data ends ${formatDay(result.latestOrderDay)}: the horizon is cut short)` : '';
  const pct = (n: number) => `${Math.round((100 * n) / result.eligible)}%`;
  return (
    `Backtest: scored as of ${formatDay(result.cutoff)} with rows up to that day, outcomes over the next ${result.horizonDays} days to ${formatDay(end)}${cut}.\n` +
    `${result.eligible} eligible customers (2+ orders, one in the year before); ` +
    `${result.positives.lapsed} lapsed (${pct(result.positives.lapsed)}), ${result.positives.shrunk} shrunk (${pct(result.positives.shrunk)}).`
  );
}

function metricsTable(result: BacktestResult, label: BacktestLabel, color: ChalkInstance): string {
  const share = `${Math.round(TOP_SHARE * 100)}%`;
  const table = new Table({
    head: [LABEL_WORDS[label], 'ROC AUC', `precision top ${share}`, `recall top ${share}`, `revenue recall top ${share}`].map((text) => color.bold(text)),
    colAligns: ['left', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [], compact: true },
  });
  const rows = result.metrics.filter((metric) => metric.label === label);
  const best = Math.max(...rows.map((metric) => metric.auc));
  for (const metric of rows) {
    const auc = metric.auc.toFixed(3);
    table.push([
      SCORE_WORDS[metric.score],
      metric.auc === best ? color.bold(auc) : auc,
      metric.precision.toFixed(3),
      metric.recall.toFixed(3),
      metric.revenueRecall.toFixed(3),
    ]);
  }
  return table.toString();
}

function fittedBlock(fitted: FittedWeights): string {
  const auc = (result: BacktestResult, label: BacktestLabel) =>
    result.metrics.find((metric) => metric.score === 'churn-signals' && metric.label === label)?.auc ?? Number.NaN;
  const lines = [
    `Weights fitted at ${formatDay(fitted.trainCutoff)} (outcomes over ${fitted.trainHorizonDays} days, to ${formatDay(fitted.trainCutoff + fitted.trainHorizonDays)}), validated at ${formatDay(fitted.validationCutoff)}:`,
    `  ${Object.entries(fitted.weights).map(([id, weight]) => `${id} ${weight}`).join(', ')}, model ${fitted.modelWeight}`,
  ];
  for (const label of BACKTEST_LABELS) {
    const before = auc(fitted.withDefaults, label);
    const after = auc(fitted.withFitted, label);
    const gain = after - before;
    lines.push(`  ${label}: AUC ${before.toFixed(3)} with the default weights -> ${after.toFixed(3)} fitted (${gain >= 0 ? '+' : ''}${gain.toFixed(3)})`);
  }
  return lines.join('\n');
}

export function renderBacktestJson(result: BacktestResult, fitted?: FittedWeights): string {
  const document = {
    schemaVersion: 1,
    ...backtestJson(result),
    ...(fitted === undefined
      ? {}
      : {
          fittedWeights: {
            weights: fitted.weights,
            modelWeight: fitted.modelWeight,
            trainAsOf: formatDay(fitted.trainCutoff),
            validationAsOf: formatDay(fitted.validationCutoff),
            validationWithDefaults: backtestJson(fitted.withDefaults).metrics,
            validationWithFitted: backtestJson(fitted.withFitted).metrics,
          },
        }),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function backtestJson(result: BacktestResult) {
  return {
    asOf: formatDay(result.cutoff),
    horizonDays: result.horizonDays,
    dataEnds: formatDay(result.latestOrderDay),
    eligible: result.eligible,
    positives: result.positives,
    topShare: TOP_SHARE,
    metrics: result.metrics.map((metric) => ({
      score: metric.score,
      label: metric.label,
      auc: round(metric.auc),
      precision: round(metric.precision),
      recall: round(metric.recall),
      revenueRecall: round(metric.revenueRecall),
    })),
  };
}

function round(value: number): number | null {
  return Number.isFinite(value) ? Math.round(value * 10000) / 10000 : null;
}

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runChurn } from '../support/run-churn.js';

/**
 * The CDNOW data (Fader, Hardie & Lee 2005) is read in place from ../shared/data/cdnow, never
 * copied into the project; without it these tests are skipped.
 */
const CDNOW = join(ROOT, '..', 'shared', 'data', 'cdnow');
const MASTER = join(CDNOW, 'CDNOW_master.txt');
const SAMPLE = join(CDNOW, 'CDNOW_sample.txt');
const SAMPLE_COLUMNS = ['--no-header', '--map', 'customer=column 1', '--map', 'date=column 3', '--map', 'amount=column 5'];
const BACKTEST = ['--as-of', '1997-10-01', '--horizon', '273', '--format', 'json'];

interface Metric {
  score: string;
  label: string;
  auc: number;
}

function aucs(metrics: Metric[], label: string): Record<string, number> {
  return Object.fromEntries(metrics.filter((m) => m.label === label).map((m) => [m.score, m.auc]));
}

describe.skipIf(!existsSync(MASTER))('churn backtest on CDNOW (cut-off 1997-10-01, horizon 273 days)', () => {
  it.each([
    ['master', [MASTER], 9465],
    ['sample', [SAMPLE, ...SAMPLE_COLUMNS], 946],
  ] as const)('%s: the churn-signals score beats days-since-last-order on both labels', (_name, input, eligible) => {
    const run = runChurn(['backtest', ...input, ...BACKTEST]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.eligible).toBe(eligible);
    for (const label of ['lapsed', 'shrunk']) {
      const byScore = aucs(result.metrics, label);
      expect(byScore['churn-signals'], label).toBeGreaterThan(byScore.recency as number);
    }
  });

  it('reproduces the measured baselines on master: recency L1 0.711, BG/NBD L2 0.639', () => {
    const result = JSON.parse(runChurn(['backtest', MASTER, ...BACKTEST]).stdout);
    expect(aucs(result.metrics, 'lapsed').recency).toBeCloseTo(0.711, 3);
    expect(aucs(result.metrics, 'shrunk')['bg-nbd']).toBeCloseTo(0.639, 3);
  });

  it('--fit-weights learns weights, validates them, and report --weights uses them', () => {
    const weights = join(mkdtempSync(join(tmpdir(), 'churn-weights-')), 'weights.json');
    const run = runChurn(['backtest', MASTER, ...BACKTEST, '--fit-weights', '--train-as-of', '1997-06-30', '--weights-out', weights, '-q']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.fittedWeights.trainAsOf).toBe('1997-06-30');
    const written = JSON.parse(readFileSync(weights, 'utf8'));
    expect(written.weights).toEqual(result.fittedWeights.weights);
    const report = runChurn(['report', MASTER, '--as-of', '1997-10-01', '--weights', weights, '--format', 'json', '--top', '3']);
    expect(report.status).toBe(0);
    expect(JSON.parse(report.stdout).customers).toHaveLength(3);
  });
});

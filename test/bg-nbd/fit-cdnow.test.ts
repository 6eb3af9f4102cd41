// Fits the BG/NBD model to the real CDNOW data of Fader, Hardie & Lee (2005). The data are read
// in place from /work/shared/data/cdnow/ (../shared/data/cdnow/ relative to the project root)
// and are not copied into this repository; each block is skipped, saying so, if its file is
// missing. Conventions (39-week calibration to 1997-09-30, weeks, same-day orders merged):
// see cdnow-summaries.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BgNbdParams } from '../../src/scoring/bg-nbd/bg-nbd-params.js';
import type { BgNbdFit } from '../../src/scoring/bg-nbd/fit-bg-nbd.js';
import { expectedPurchases } from '../../src/scoring/bg-nbd/expected-purchases.js';
import { fitBgNbd } from '../../src/scoring/bg-nbd/fit-bg-nbd.js';
import { BOOK_FIT_OPTIONS } from '../../src/scoring/book-fit-options.js';
import { groupSummaries } from '../../src/scoring/bg-nbd/group-summaries.js';
import { logLikelihood } from '../../src/scoring/bg-nbd/log-likelihood.js';
import { CDNOW_MASTER, CDNOW_SAMPLE, cdnowSummaries, hasCdnow } from './cdnow-summaries.js';

const skipNote = (file: string): string => (hasCdnow(file) ? '' : ` [SKIPPED: ${file} not found]`);
if (!hasCdnow(CDNOW_SAMPLE)) console.warn(`BG/NBD CDNOW sample tests skipped: ${CDNOW_SAMPLE} not found`);
if (!hasCdnow(CDNOW_MASTER)) console.warn(`BG/NBD CDNOW master tests skipped: ${CDNOW_MASTER} not found`);

describe.skipIf(!hasCdnow(CDNOW_SAMPLE))(`BG/NBD on the CDNOW 1/10 sample${skipNote(CDNOW_SAMPLE)}`, () => {
  let customers: ReturnType<typeof cdnowSummaries> = [];
  let fit: BgNbdFit | undefined;
  beforeAll(() => {
    customers = cdnowSummaries(CDNOW_SAMPLE);
    fit = fitBgNbd(customers);
  });

  it('builds the calibration summaries of the paper', () => {
    expect(customers).toHaveLength(2357);
    // 1,411 one-time buyers in the calibration period, as in lifetimes' cdnow_customers_summary.
    expect(customers.filter((c) => c.x === 0)).toHaveLength(1411);
    // A customer who first bought on 1997-01-01 has T = 272/7 = 38.857 ("38.86").
    expect(Math.max(...customers.map((c) => c.T))).toBeCloseTo(38.857, 3);
    expect(customers.every((c) => c.tx <= c.T)).toBe(true);
  });

  // Published (Fader, Hardie & Lee 2005, section 4): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
  const published: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('reproduces the published parameters within 0.5% and log-likelihood within 0.1', () => {
    if (!fit) throw new Error('unreachable: fit missing');
    expect(fit.converged).toBe(true);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[name] / published[name] - 1)).toBeLessThan(0.005);
    }
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThanOrEqual(0.1);
    // A book's options change nothing where the fit converges on its own.
    expect(fitBgNbd(customers, BOOK_FIT_OPTIONS)).toEqual(fit);
  });

  it('is a maximum: every nearby parameter set is less likely', () => {
    if (!fit) throw new Error('unreachable: fit missing');
    const groups = groupSummaries(customers);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      for (const factor of [0.99, 1.01]) {
        expect(logLikelihood({ ...fit.params, [name]: fit.params[name] * factor }, groups)).toBeLessThan(fit.logLikelihood);
      }
    }
  });

  it('gives the paper example 1.226 expected purchases in the next 39 weeks', () => {
    if (!fit) throw new Error('unreachable: fit missing');
    // Published to 3 decimals, so anything that rounds to 1.226 is a match.
    const e = expectedPurchases(fit.params, { x: 2, tx: 30.43, T: 38.86 }, 39);
    expect(Math.abs(e - 1.226)).toBeLessThanOrEqual(0.0005);
  });
});

describe.skipIf(!hasCdnow(CDNOW_MASTER))(`BG/NBD on the full CDNOW cohort${skipNote(CDNOW_MASTER)}`, () => {
  it('gives the same optimum from different starting points', { timeout: 60_000 }, () => {
    const customers = cdnowSummaries(CDNOW_MASTER);
    expect(customers).toHaveLength(23570);
    // Grouping once here (fitBgNbd would do it anyway) turns 23,570 rows into ~8,700.
    const groups = groupSummaries(customers);
    const starts: BgNbdParams[] = [
      { r: 1, alpha: 1, a: 1, b: 1 },
      { r: 0.5, alpha: 10, a: 0.5, b: 5 },
      { r: 2, alpha: 2, a: 2, b: 2 },
    ];
    const fits = starts.map((start) => fitBgNbd(groups, { start }));
    const lls = fits.map((f) => f.logLikelihood);
    expect(fits.every((f) => f.converged)).toBe(true);
    expect(Math.max(...lls) - Math.min(...lls)).toBeLessThanOrEqual(0.1);
    // And the same parameters, not just the same height on a flat ridge.
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      const values = fits.map((f) => f.params[name]);
      expect(Math.max(...values) / Math.min(...values) - 1).toBeLessThan(1e-4);
    }
    // Ungrouped data give the same log-likelihood at the optimum.
    const first = fits[0];
    if (!first) throw new Error('unreachable: no fit');
    expect(logLikelihood(first.params, customers)).toBeCloseTo(first.logLikelihood, 6);
  });
});

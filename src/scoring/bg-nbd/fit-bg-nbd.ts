import { assertBgNbdParams } from './assert-bg-nbd-params.js';
import type { BgNbdParams, CustomerSummary } from './bg-nbd-params.js';
import { groupSummaries } from './group-summaries.js';
import { logLikelihood } from './log-likelihood.js';
import { logLikelihoodWithGradientOfColumns, summaryColumns } from './log-likelihood-with-gradient.js';
import { minimizeBfgs } from './minimize-bfgs.js';

export interface FitBgNbdOptions {
  /** Starting parameters; default r = α = a = b = 1. */
  readonly start?: BgNbdParams;
  /** Iteration cap of the optimiser; default 500 (CDNOW needs a few dozen). */
  readonly maxIterations?: number;
  /**
   * Converged when no component of the gradient of the *mean* log-likelihood per customer with
   * respect to the log-parameters exceeds this; default 1e-9. Per customer so that one setting
   * fits 2,000 and 2,000,000 customers alike; w.r.t. log-parameters so it reads as "relative".
   */
  readonly gradientTolerance?: number;
  /** Relative change of the log-likelihood treated as "no progress"; default 1e-15. */
  readonly relativeTolerance?: number;
  /**
   * The gradient (as gradientTolerance) within which a fit that can make no more progress in
   * floating point counts as converged; default 100 × gradientTolerance. A flat likelihood (few
   * customers dropping out: a and b free along a ridge) stalls above the default, at an answer
   * whose predictions no longer move.
   */
  readonly stallGradientTolerance?: number;
  /** Return `converged: false` instead of throwing when the fit does not converge. */
  readonly allowNonConverged?: boolean;
  /**
   * Take a fit that ends on the dropout ridge as the fit it is, with r and α in the box: b running
   * off towards infinity (past DROPOUT_RIDGE_B, stalled or out of the box) alone or with a, or a
   * running off to 0. The dropout chance then no longer varies between customers (a and b growing
   * together, a/(a+b) held) or vanishes (b alone, or a to 0), the likelihood creeps along the
   * ridge, and the predictions have long settled. Default false: with few customers the data may
   * not identify the model at all.
   */
  readonly acceptDropoutRidge?: boolean;
}

export interface BgNbdFit {
  readonly params: BgNbdParams;
  /** Total log-likelihood of all customers at `params`. */
  readonly logLikelihood: number;
  readonly iterations: number;
  /** Always true unless `allowNonConverged` was set (a failed fit throws by default). */
  readonly converged: boolean;
  /** The fit ended on the dropout ridge and was taken as it stands (acceptDropoutRidge). */
  readonly dropoutRidge?: true;
}

/**
 * Maximum-likelihood fit of the BG/NBD model to customer summaries (x, tx, T).
 *
 * How: BFGS with Armijo backtracking (minimizeBfgs) on the mean negative log-likelihood per
 * customer, as a function of the *logs* of r, α, a, b, with the analytic gradient
 * (logLikelihoodWithGradient). Logs keep the parameters positive without constraints and make
 * the problem better conditioned (α is in time units, the others are not); the mean instead of
 * the sum makes the first steps of the optimiser the same size whatever the number of customers.
 * Identical summaries are grouped first (groupSummaries), which changes nothing but the speed.
 *
 * @throws Error when the data are empty, invalid or contain no repeat purchase, when the
 * likelihood becomes non-finite, or (unless `allowNonConverged`) when the optimiser does not
 * converge or ends with a parameter outside [1e-7, 1e7] (the data do not identify the model);
 * the message says where it stopped and what to try.
 */
/** ln(1e7): the edge of the [1e-7, 1e7] box a fit must end in. */
const OUT_OF_BOUNDS_LOG = Math.log(1e7);
/**
 * A b this large is on the dropout ridge (acceptDropoutRidge): published fits have b of order 1
 * to 100 (CDNOW 2.43); past 10,000 the data pin down little more than the mean dropout chance
 * a/(a+b) (under 1e-4 per purchase unless a is in the thousands too), and the likelihood barely
 * moves along the ridge.
 */
const DROPOUT_RIDGE_B = 1e4;

export function fitBgNbd(customers: readonly (CustomerSummary & { readonly weight?: number })[], options: FitBgNbdOptions = {}): BgNbdFit {
  const groups = groupSummaries(customers);
  if (groups.length === 0) throw new Error('fitBgNbd: no customers to fit');
  if (!groups.some((g) => g.x > 0)) {
    // With x = 0 everywhere the likelihood does not involve a and b at all and grows without
    // bound as r → 0: an optimiser would "converge" to meaningless numbers.
    throw new Error(
      'fitBgNbd: no customer has a repeat purchase (x = 0 for all), so the BG/NBD parameters cannot be estimated; ' +
        'use a longer calibration period or more customers',
    );
  }
  const totalWeight = groups.reduce((sum, g) => sum + g.weight, 0);
  const columns = summaryColumns(groups);
  const start = options.start ?? { r: 1, alpha: 1, a: 1, b: 1 };
  assertBgNbdParams(start);

  const toParams = (theta: readonly number[]): BgNbdParams => ({
    r: Math.exp(theta[0] ?? 0),
    alpha: Math.exp(theta[1] ?? 0),
    a: Math.exp(theta[2] ?? 0),
    b: Math.exp(theta[3] ?? 0),
  });
  const describe = (p: BgNbdParams): string =>
    `r=${p.r.toPrecision(6)}, alpha=${p.alpha.toPrecision(6)}, a=${p.a.toPrecision(6)}, b=${p.b.toPrecision(6)}`;

  const objective = (theta: readonly number[]): { value: number; gradient: number[] } => {
    const params = toParams(theta);
    const values = [params.r, params.alpha, params.a, params.b];
    // exp() under/overflow: report "not allowed here" so the line search steps back.
    if (!values.every((v) => Number.isFinite(v) && v > 0)) return { value: Number.NaN, gradient: [0, 0, 0, 0] };
    const { logLikelihood: ll, gradient } = logLikelihoodWithGradientOfColumns(params, columns);
    // d/dθ = p · d/dp for θ = ln p; negated and averaged because the optimiser minimises.
    return {
      value: -ll / totalWeight,
      gradient: [
        (-params.r * gradient.r) / totalWeight,
        (-params.alpha * gradient.alpha) / totalWeight,
        (-params.a * gradient.a) / totalWeight,
        (-params.b * gradient.b) / totalWeight,
      ],
    };
  };

  const startTheta = [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)];
  const startValue = objective(startTheta);
  if (!Number.isFinite(startValue.value) || !startValue.gradient.every(Number.isFinite)) {
    throw new Error(`fitBgNbd: the log-likelihood is not finite at the start (${describe(start)}); try another start`);
  }
  const result = minimizeBfgs(objective, startTheta, {
    maxIterations: options.maxIterations ?? 500,
    gradientTolerance: options.gradientTolerance ?? 1e-9,
    relativeTolerance: options.relativeTolerance ?? 1e-15,
    ...(options.stallGradientTolerance === undefined ? {} : { stallTolerance: options.stallGradientTolerance }),
    maxStep: 2,
    // Steps are at most 2 in log space and a run-off parameter's gradient fades: one that leaves the box does not come back.
    outOfBounds: (theta) => theta.some((value) => Math.abs(value) > OUT_OF_BOUNDS_LOG),
  });

  const params = toParams(result.point);
  const ll = logLikelihood(params, groups);
  const paramsOk = [params.r, params.alpha, params.a, params.b].every((v) => Number.isFinite(v) && v > 0);
  if (!paramsOk || !Number.isFinite(ll)) {
    throw new Error(`fitBgNbd: the fit produced non-finite values (${describe(params)}, log-likelihood ${ll}); try another start, or check the data`);
  }
  // In log-parameters the gradient fades out as a parameter runs off to 0 or infinity, so a
  // "converged" optimiser there has found a boundary of the parameter space, not an optimum.
  const inBox = (v: number) => v >= 1e-7 && v <= 1e7;
  const offBoundary = [params.r, params.alpha, params.a, params.b].every(inBox);
  const converged = result.converged && offBoundary;
  const onDropoutRidge =
    options.acceptDropoutRidge === true &&
    inBox(params.r) &&
    inBox(params.alpha) &&
    params.a <= 1e7 &&
    params.b >= 1e-7 &&
    (params.b >= DROPOUT_RIDGE_B || params.a < 1e-7);
  if (!converged && onDropoutRidge) return { params, logLikelihood: ll, iterations: result.iterations, converged: true, dropoutRidge: true };
  const reason = offBoundary ? result.reason : 'a parameter ran off towards 0 or infinity';
  if (!converged && !options.allowNonConverged) {
    throw new Error(
      `fitBgNbd: the fit did not converge: ${reason}, stopped at ${describe(params)} ` +
        `with log-likelihood ${ll.toFixed(4)} after ${result.iterations} iterations. ` +
        'Try another start (options.start), a larger options.maxIterations, or check the data: ' +
        'with too few repeat purchases or extreme parameters running off to 0 or infinity, the model is not identified.',
    );
  }
  return { params, logLikelihood: ll, iterations: result.iterations, converged };
}

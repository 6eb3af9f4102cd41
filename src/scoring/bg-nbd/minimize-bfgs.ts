/** A smooth objective: its value and gradient at a point. Non-finite values mean "not allowed here". */
export type SmoothObjective = (point: readonly number[]) => { value: number; gradient: number[] };

export interface BfgsOptions {
  /** Hard cap on iterations (one line search each). */
  readonly maxIterations: number;
  /** Converged once every |gradient component| <= this. */
  readonly gradientTolerance: number;
  /**
   * Also stop after 3 consecutive iterations whose relative change of the value is <= this:
   * the value is then at its floating-point floor and more iterations cannot improve it.
   * Such a stop counts as converged only if the gradient is within stallTolerance.
   */
  readonly relativeTolerance: number;
  /**
   * The gradient within which a stop at the floating-point floor (no relative progress, or no
   * line search step that decreases the value) counts as converged; default 100 × gradientTolerance.
   */
  readonly stallTolerance?: number;
  /** Largest step allowed in any coordinate per iteration (keeps exp() of log-parameters sane). */
  readonly maxStep: number;
  /**
   * Stop, not converged, once an accepted point is outside the region the caller can use: a run
   * off to a boundary costs dozens of iterations and ends in a rejected answer anyway.
   */
  readonly outOfBounds?: (point: readonly number[]) => boolean;
}

export interface BfgsResult {
  readonly point: number[];
  readonly value: number;
  readonly gradient: number[];
  readonly iterations: number;
  readonly converged: boolean;
  /** Why it stopped, in words, for error messages. */
  readonly reason: string;
}

/**
 * Minimise a smooth function with BFGS (inverse-Hessian update) and a backtracking line search
 * with the Armijo sufficient-decrease condition.
 *
 * Why BFGS: the BG/NBD likelihood is smooth and cheap to differentiate, with strongly
 * correlated parameters (r with α, a with b); a quasi-Newton method learns that curvature and
 * reaches the optimum to full precision in a few dozen iterations, where Nelder-Mead with
 * default settings is known to stop short on the full CDNOW data.
 *
 * Details that matter in practice:
 * - the first inverse Hessian is the identity, rescaled after the first step by sᵀy/yᵀy
 *   (Nocedal & Wright eq. 6.20) so the second step is already of the right length;
 * - the update is skipped when sᵀy is not clearly positive (the curvature condition, which
 *   Armijo backtracking alone does not guarantee), keeping the matrix positive definite;
 * - if the line search cannot decrease the value along the quasi-Newton direction, the
 *   matrix is reset to the identity (steepest descent) once before giving up;
 * - a trial point with a non-finite value is treated as "too far" and the step is halved.
 *
 * Pure: calls `objective` only; never throws for a failure to converge (reports it instead),
 * but throws if the objective is not finite at the start.
 */
export function minimizeBfgs(objective: SmoothObjective, start: readonly number[], options: BfgsOptions): BfgsResult {
  const n = start.length;
  const dot = (u: readonly number[], v: readonly number[]): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (u[i] ?? 0) * (v[i] ?? 0);
    return s;
  };
  const maxAbs = (u: readonly number[]): number => u.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const identity = (): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const isFiniteEval = (e: { value: number; gradient: number[] }): boolean =>
    Number.isFinite(e.value) && e.gradient.length === n && e.gradient.every(Number.isFinite);

  let point = [...start];
  let current = objective(point);
  if (!isFiniteEval(current)) {
    throw new Error(`minimizeBfgs: objective is not finite at the starting point [${start.join(', ')}]`);
  }
  let H = identity();
  let isIdentity = true;
  let scaled = false;
  let stalls = 0;
  const looseTolerance = options.stallTolerance ?? 100 * options.gradientTolerance;
  const result = (iterations: number, converged: boolean, reason: string): BfgsResult => ({
    point,
    value: current.value,
    gradient: current.gradient,
    iterations,
    converged,
    reason,
  });

  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    const g = current.gradient;
    const gNorm = maxAbs(g);
    if (gNorm <= options.gradientTolerance) return result(iteration, true, `gradient ${gNorm.toExponential(2)} within tolerance`);

    // Quasi-Newton direction d = −H g; fall back to steepest descent if it is not downhill.
    let direction = H.map((row) => -dot(row, g));
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      H = identity();
      isIdentity = true;
      direction = g.map((v) => -v);
      slope = dot(g, direction);
    }
    const longest = maxAbs(direction);
    if (longest > options.maxStep) {
      direction = direction.map((v) => (v * options.maxStep) / longest);
      slope = dot(g, direction);
    }

    // Backtracking line search with the Armijo condition f(x + t d) <= f(x) + c1 t gᵀd.
    const c1 = 1e-4;
    let step = 1;
    let trialPoint: number[] = point;
    let trial: { value: number; gradient: number[] } | undefined;
    for (let halvings = 0; halvings < 60; halvings++) {
      trialPoint = point.map((v, i) => v + step * (direction[i] ?? 0));
      const candidate = objective(trialPoint);
      if (isFiniteEval(candidate) && candidate.value <= current.value + c1 * step * slope) {
        trial = candidate;
        break;
      }
      step /= 2;
    }
    if (!trial) {
      if (!isIdentity) {
        // The curvature model went stale; retry this iteration along the steepest descent.
        H = identity();
        isIdentity = true;
        continue;
      }
      return result(
        iteration,
        gNorm <= looseTolerance,
        `line search could not decrease the objective (gradient ${gNorm.toExponential(2)})`,
      );
    }

    const s = trialPoint.map((v, i) => v - (point[i] ?? 0));
    const y = trial.gradient.map((v, i) => v - (g[i] ?? 0));
    const relativeChange = Math.abs(trial.value - current.value) / Math.max(Math.abs(current.value), Number.MIN_VALUE);
    point = trialPoint;
    current = trial;
    if (options.outOfBounds?.(point)) return result(iteration + 1, false, 'left the allowed region');

    const sy = dot(s, y);
    const yy = dot(y, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * yy)) {
      if (!scaled) {
        H = identity().map((row) => row.map((v) => (v * sy) / yy));
        scaled = true;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded to avoid matrix products.
      const rho = 1 / sy;
      const Hy = H.map((row) => dot(row, y));
      const yHy = dot(y, Hy);
      H = H.map((row, i) =>
        row.map((v, j) => {
          const si = s[i] ?? 0;
          const sj = s[j] ?? 0;
          return v - rho * (si * (Hy[j] ?? 0) + (Hy[i] ?? 0) * sj) + (rho * rho * yHy + rho) * si * sj;
        }),
      );
      isIdentity = false;
    }

    stalls = relativeChange <= options.relativeTolerance ? stalls + 1 : 0;
    if (stalls >= 3) {
      const norm = maxAbs(current.gradient);
      return result(
        iteration + 1,
        norm <= looseTolerance,
        `relative change of the objective below ${options.relativeTolerance} for 3 iterations (gradient ${norm.toExponential(2)})`,
      );
    }
  }
  const norm = maxAbs(current.gradient);
  return result(options.maxIterations, norm <= options.gradientTolerance, `reached ${options.maxIterations} iterations (gradient ${norm.toExponential(2)})`);
}

export interface LogisticFit {
  readonly intercept: number;
  readonly coefficients: readonly number[];
  readonly iterations: number;
}

/**
 * L2-regularised logistic regression by Newton's method (few features, many rows): maximise
 * Σ log-likelihood − (λ/2)·‖β‖² (the intercept is not penalised). Features should be on similar
 * scales (signal severities are all 0..1). Stops when the largest step is below 1e-10.
 */
export function fitLogistic(rows: readonly (readonly number[])[], labels: readonly boolean[], lambda: number, maxIterations = 100): LogisticFit {
  const k = (rows[0]?.length ?? 0) + 1;
  let beta = new Array<number>(k).fill(0);
  const features = (row: readonly number[]) => [1, ...row];
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradient = new Array<number>(k).fill(0);
    const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    rows.forEach((row, index) => {
      const x = features(row);
      const eta = x.reduce((sum, value, j) => sum + value * (beta[j] ?? 0), 0);
      const p = 1 / (1 + Math.exp(-eta));
      const residual = (labels[index] ? 1 : 0) - p;
      const w = p * (1 - p);
      for (let i = 0; i < k; i++) {
        gradient[i] = (gradient[i] ?? 0) + residual * (x[i] ?? 0);
        const hessianRow = hessian[i] as number[];
        for (let j = 0; j < k; j++) hessianRow[j] = (hessianRow[j] ?? 0) - w * (x[i] ?? 0) * (x[j] ?? 0);
      }
    });
    for (let i = 1; i < k; i++) {
      gradient[i] = (gradient[i] ?? 0) - lambda * (beta[i] ?? 0);
      (hessian[i] as number[])[i] = ((hessian[i] as number[])[i] ?? 0) - lambda;
    }
    const step = solve(hessian, gradient);
    beta = beta.map((value, i) => value - (step[i] ?? 0));
    if (Math.max(...step.map(Math.abs)) < 1e-10) return { intercept: beta[0] ?? 0, coefficients: beta.slice(1), iterations: iteration };
  }
  return { intercept: beta[0] ?? 0, coefficients: beta.slice(1), iterations: maxIterations };
}

/** Solve A·x = b by Gaussian elimination with partial pivoting (A is small and negative definite). */
function solve(matrix: readonly (readonly number[])[], vector: readonly number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] ?? 0]);
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++) {
      if (Math.abs(a[row]?.[column] ?? 0) > Math.abs(a[pivot]?.[column] ?? 0)) pivot = row;
    }
    [a[column], a[pivot]] = [a[pivot] as number[], a[column] as number[]];
    const lead = a[column]?.[column] ?? 0;
    if (lead === 0) continue;
    for (let row = 0; row < n; row++) {
      if (row === column) continue;
      const factor = (a[row]?.[column] ?? 0) / lead;
      for (let j = column; j <= n; j++) (a[row] as number[])[j] = (a[row]?.[j] ?? 0) - factor * (a[column]?.[j] ?? 0);
    }
  }
  return a.map((row, i) => (row[n] ?? 0) / (row[i] || 1));
}

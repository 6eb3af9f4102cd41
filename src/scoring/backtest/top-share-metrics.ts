export interface TopShareMetrics {
  /** Share of the flagged customers that are positives. */
  readonly precision: number;
  /** Share of all positives that were flagged. */
  readonly recall: number;
  /** Share of the positives' revenue that sits with the flagged ones. */
  readonly revenueRecall: number;
}

/**
 * Flag the highest-scoring `share` of customers and measure what that catches. Customers tied at
 * the cut are flagged fractionally (each counts for the share of the tie that fits), so the result
 * does not depend on how ties happen to be ordered.
 */
export function topShareMetrics(
  scores: readonly number[],
  positives: readonly boolean[],
  revenues: readonly number[],
  share: number,
): TopShareMetrics {
  const count = scores.length;
  const flagged = Math.max(1, Math.round(count * share));
  const order = scores.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score);
  const weight = new Array<number>(count).fill(0);
  let taken = 0;
  for (let start = 0; start < order.length && taken < flagged; ) {
    let end = start;
    while (end < order.length && order[end]?.score === order[start]?.score) end++;
    const size = end - start;
    const fraction = Math.min(1, (flagged - taken) / size);
    for (let i = start; i < end; i++) weight[order[i]?.index ?? 0] = fraction;
    taken += fraction * size;
    start = end;
  }
  let flaggedPositives = 0;
  let allPositives = 0;
  let flaggedRevenue = 0;
  let allRevenue = 0;
  positives.forEach((positive, index) => {
    if (!positive) return;
    const revenue = Math.max(0, revenues[index] ?? 0);
    allPositives++;
    allRevenue += revenue;
    flaggedPositives += weight[index] ?? 0;
    flaggedRevenue += (weight[index] ?? 0) * revenue;
  });
  return {
    precision: flaggedPositives / flagged,
    recall: allPositives === 0 ? Number.NaN : flaggedPositives / allPositives,
    revenueRecall: allRevenue === 0 ? Number.NaN : flaggedRevenue / allRevenue,
  };
}

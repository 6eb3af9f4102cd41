/**
 * Area under the ROC curve: the chance that a randomly chosen positive scores higher than a
 * randomly chosen negative, ties counting one half (the Mann-Whitney U statistic over n+ × n-).
 * NaN when either class is empty.
 */
export function rocAuc(scores: readonly number[], positives: readonly boolean[]): number {
  const order = scores.map((score, index) => ({ score, positive: positives[index] === true })).sort((a, b) => a.score - b.score);
  let positiveCount = 0;
  let rankSumOfPositives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end < order.length && order[end]?.score === order[start]?.score) end++;
    // Tied scores share the average of the ranks they span (ranks are 1-based).
    const averageRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) {
      if (order[i]?.positive) {
        positiveCount++;
        rankSumOfPositives += averageRank;
      }
    }
    start = end;
  }
  const negativeCount = order.length - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) return Number.NaN;
  return (rankSumOfPositives - (positiveCount * (positiveCount + 1)) / 2) / (positiveCount * negativeCount);
}

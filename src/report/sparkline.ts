const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** One character per value, scaled to the largest; zero (or less) is a dot so gaps stay visible. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((value) => {
      if (value <= 0 || max === 0) return '·';
      const level = Math.min(BARS.length - 1, Math.floor((value / max) * BARS.length));
      return BARS[Math.max(0, level)] as string;
    })
    .join('');
}

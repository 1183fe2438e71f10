/** Percentiles and formatting shared by the benchmark parts. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function ms(n: number): string {
  return n < 1 ? `${n.toFixed(3)} ms` : n < 100 ? `${n.toFixed(2)} ms` : `${n.toFixed(0)} ms`;
}

export function summary(label: string, samples: number[]): string {
  return `${label.padEnd(44)} p50 ${ms(percentile(samples, 50)).padStart(11)}   p99 ${ms(percentile(samples, 99)).padStart(11)}   n=${samples.length}`;
}

/** Summaries of the bench's samples: nearest-rank percentiles, printed with what they count. */

/** The nearest-rank p-th percentile (p in 0..100) of `values`; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** "median m, p90 x, min a, max b (n what)" with `digits` decimals. */
export function summary(values: readonly number[], what = 'calls', digits = 1): string {
  if (values.length === 0) return 'not measured';
  const fixed = (value: number) => value.toFixed(digits);
  return `median ${fixed(percentile(values, 50))}, p90 ${fixed(percentile(values, 90))}, min ${fixed(Math.min(...values))}, max ${fixed(Math.max(...values))} (${values.length} ${what})`;
}

/** a / b as "1.23x", or "n/a". */
export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a';
}

/** Bytes as "12,345 B (12.1 KiB)". */
export function bytes(value: number): string {
  return `${value.toLocaleString('en-US')} B (${(value / 1024).toFixed(1)} KiB)`;
}

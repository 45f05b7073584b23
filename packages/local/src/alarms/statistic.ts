/**
 * One period's statistic over its samples, as CloudWatch computes it: `Sum`, `Average`,
 * `Minimum`, `Maximum`, `SampleCount`, or a percentile `pNN` / `pNN.N` (nearest rank).
 * `undefined` when the period has no sample (missing data).
 *
 * @throws RangeError for a statistic CloudWatch has but this does not (trimmed means …).
 */
export function statistic(name: string, values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  switch (name) {
    case 'Sum':
      return values.reduce((sum, value) => sum + value, 0);
    case 'Average':
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'SampleCount':
      return values.length;
  }
  const percentile = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(name);
  if (percentile) {
    const p = Number(percentile[1]);
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
    return sorted[rank - 1];
  }
  throw new RangeError(`statistic ${name} is not evaluated locally`);
}

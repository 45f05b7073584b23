import type { MetricDatum } from './metric-store.js';

/** EMF's metric directive. */
interface MetricDirective {
  readonly Namespace?: unknown;
  readonly Dimensions?: unknown;
  readonly Metrics?: unknown;
}

/**
 * Reads one log line as CloudWatch reads CloudWatch Embedded Metric Format: a JSON object
 * with `_aws: { Timestamp, CloudWatchMetrics: [{ Namespace, Dimensions, Metrics }] }` and
 * the dimension and metric values as top-level keys. Each dimension set of a directive
 * gives its own metric (a value published with `[["Service"], ["Service", "Stage"]]` is
 * two metrics); a value may be a number or an array of numbers (each a sample).
 *
 * Returns `undefined` for a line that is not an EMF document (most log lines), and
 * leaves out what CloudWatch would reject: a metric without a numeric value, a dimension
 * whose value is not a string.
 */
export function parseEmfLine(line: string, receivedAt = Date.now()): MetricDatum[] | undefined {
  if (!line.includes('"_aws"')) return undefined;
  let document: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    document = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const aws = document._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
  if (!aws || !Array.isArray(aws.CloudWatchMetrics)) return undefined;
  const timestamp = typeof aws.Timestamp === 'number' ? aws.Timestamp : receivedAt;
  const data: MetricDatum[] = [];
  for (const directive of aws.CloudWatchMetrics as MetricDirective[]) {
    if (typeof directive?.Namespace !== 'string' || !Array.isArray(directive.Metrics)) continue;
    const sets = Array.isArray(directive.Dimensions) ? directive.Dimensions : [[]];
    for (const set of sets as unknown[]) {
      if (!Array.isArray(set)) continue;
      const dimensions: Record<string, string> = {};
      let valid = true;
      for (const name of set) {
        const value = document[String(name)];
        if (typeof value !== 'string') valid = false;
        else dimensions[String(name)] = value;
      }
      if (!valid) continue;
      for (const definition of directive.Metrics as { Name?: unknown; Unit?: unknown }[]) {
        if (typeof definition?.Name !== 'string') continue;
        const raw = document[definition.Name];
        const values = (Array.isArray(raw) ? raw : [raw]).filter(
          (value): value is number => typeof value === 'number' && Number.isFinite(value),
        );
        if (values.length === 0) continue;
        data.push({
          namespace: directive.Namespace,
          metricName: definition.Name,
          dimensions,
          timestamp,
          values,
          ...(typeof definition.Unit === 'string' ? { unit: definition.Unit } : {}),
        });
      }
    }
  }
  return data;
}

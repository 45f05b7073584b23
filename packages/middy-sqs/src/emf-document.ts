import { OUTCOME_METRIC_NAMES } from '@sfn-callback/task-token';
import type { ResolvedEmfOptions } from './metrics-options.js';
import type { OutcomeCounts, OutcomeTally } from './outcome-tally.js';

/** Most values of one metric in one EMF document. */
export const MAX_VALUES_PER_METRIC = 100;

const COUNT_KEYS = Object.keys({
  succeeded: 0,
  failed: 0,
  retried: 0,
  alreadyClosed: 0,
  poison: 0,
  deferred: 0,
  heartbeatFailures: 0,
} satisfies OutcomeCounts) as (keyof OutcomeCounts)[];

const COUNT_DEFINITIONS = COUNT_KEYS.map((key) => ({
  Name: OUTCOME_METRIC_NAMES[key],
  Unit: 'Count',
}));
const LATENCY_DEFINITION = { Name: OUTCOME_METRIC_NAMES.latency, Unit: 'Milliseconds' };

/**
 * The CloudWatch Embedded Metric Format documents of one invocation, each a JSON line:
 * `_aws` (timestamp, namespace, one dimension set, the metric definitions), the dimension
 * values and the metric values as top-level keys, and the correlation (`records`: message
 * id, outcome, execution ARN, state name) as a property, not a dimension (one value per
 * execution would be one metric per execution).
 *
 * Usually one document. EMF allows 100 values per metric per document, so an invocation
 * with more than 100 answered records writes its further latencies in further documents
 * (latency only, counts stay in the first).
 */
export function emfDocuments(
  tally: OutcomeTally,
  options: ResolvedEmfOptions,
  timestamp: number,
): string[] {
  const dimensionNames = Object.keys(options.dimensions);
  const envelope = (metrics: readonly object[]) => ({
    Timestamp: timestamp,
    CloudWatchMetrics: [
      { Namespace: options.namespace, Dimensions: [dimensionNames], Metrics: metrics },
    ],
  });
  const latencies = tally.latencies;
  const first: Record<string, unknown> = {
    _aws: envelope(
      latencies.length > 0 ? [...COUNT_DEFINITIONS, LATENCY_DEFINITION] : COUNT_DEFINITIONS,
    ),
    ...options.dimensions,
  };
  for (const key of COUNT_KEYS) first[OUTCOME_METRIC_NAMES[key]] = tally.counts[key];
  if (latencies.length > 0) {
    first[OUTCOME_METRIC_NAMES.latency] =
      latencies.length === 1 ? latencies[0] : latencies.slice(0, MAX_VALUES_PER_METRIC);
  }
  if (tally.records.length > 0) first.records = tally.records;
  if (tally.unnamedRecords > 0) first.recordsNotNamed = tally.unnamedRecords;
  const documents = [JSON.stringify(first)];
  for (
    let start = MAX_VALUES_PER_METRIC;
    start < latencies.length;
    start += MAX_VALUES_PER_METRIC
  ) {
    documents.push(
      JSON.stringify({
        _aws: envelope([LATENCY_DEFINITION]),
        ...options.dimensions,
        [OUTCOME_METRIC_NAMES.latency]: latencies.slice(start, start + MAX_VALUES_PER_METRIC),
      }),
    );
  }
  return documents;
}

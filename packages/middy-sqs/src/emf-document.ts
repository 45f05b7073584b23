import { OUTCOME_METRIC_NAMES } from '@sfn-callback/task-token';
import type { EmfSettings } from './metrics-sink.js';
import type { OutcomeTally } from './outcome-tally.js';

/** Most values of one metric in one EMF document. */
export const MAX_VALUES_PER_METRIC = 100;

const LATENCY = OUTCOME_METRIC_NAMES.latency;

/** Writes the EMF documents of one invocation's tally, as JSON lines. */
export type EmfDocuments = (tally: OutcomeTally, timestamp: number) => string[];

/**
 * The CloudWatch Embedded Metric Format documents of each invocation, each a JSON line:
 * `_aws` (timestamp, namespace, one dimension set, the metric definitions), the dimension
 * values and the metric values as top-level keys, and the correlation (`records`: message
 * id, outcome, execution ARN, state name) as a property, not a dimension (one value per
 * execution would be one metric per execution).
 *
 * Usually one document. EMF allows 100 values per metric per document, so an invocation
 * with more than 100 answered records writes its further latencies in further documents
 * (latency only, counts stay in the first).
 *
 * The metric definitions are the same for every invocation: they are built once, here.
 */
export function emfDocuments(settings: EmfSettings, countNames: readonly string[]): EmfDocuments {
  const { dimensions } = settings;
  const directive = (names: readonly string[]) => [
    {
      Namespace: settings.namespace,
      Dimensions: [Object.keys(dimensions)],
      Metrics: names.map((Name) => ({ Name, Unit: Name === LATENCY ? 'Milliseconds' : 'Count' })),
    },
  ];
  const counts = directive(countNames);
  const countsAndLatency = directive([...countNames, LATENCY]);
  const latencyOnly = directive([LATENCY]);
  const document = (metrics: object, Timestamp: number, values: object) =>
    JSON.stringify({ _aws: { Timestamp, CloudWatchMetrics: metrics }, ...dimensions, ...values });

  return (tally, timestamp) => {
    const latencies = tally.latencies;
    const first: Record<string, unknown> = { ...tally.counts };
    if (latencies.length > 0) first[LATENCY] = latencies.slice(0, MAX_VALUES_PER_METRIC);
    if (tally.records.length > 0) first.records = tally.records;
    const documents = [
      document(latencies.length > 0 ? countsAndLatency : counts, timestamp, first),
    ];
    for (let at = MAX_VALUES_PER_METRIC; at < latencies.length; at += MAX_VALUES_PER_METRIC) {
      const values = { [LATENCY]: latencies.slice(at, at + MAX_VALUES_PER_METRIC) };
      documents.push(document(latencyOnly, timestamp, values));
    }
    return documents;
  };
}

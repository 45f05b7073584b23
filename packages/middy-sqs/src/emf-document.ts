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
 * Everything before the values is the same for every invocation but the timestamp: it is
 * serialized once, here, so each invocation serializes only its values. (The tally is
 * spent: its counts object becomes the document's values.)
 */
export function emfDocuments(settings: EmfSettings, countNames: readonly string[]): EmfDocuments {
  const { dimensions } = settings;
  // `{"_aws":{"Timestamp":<t>,"CloudWatchMetrics":[…]},<dimensions>,` with <t> to fill in.
  const head = (names: readonly string[]) =>
    JSON.stringify({
      _aws: {
        Timestamp: 0,
        CloudWatchMetrics: [
          {
            Namespace: settings.namespace,
            Dimensions: [Object.keys(dimensions)],
            Metrics: names.map((Name) => ({
              Name,
              Unit: Name === LATENCY ? 'Milliseconds' : 'Count',
            })),
          },
        ],
      },
      ...dimensions,
    })
      .slice(0, -1)
      .split('"Timestamp":0');
  const counts = head(countNames);
  const countsAndLatency = head([...countNames, LATENCY]);
  const latencyOnly = head([LATENCY]);
  const document = ([before, after]: string[], timestamp: number, values: object) =>
    `${before}"Timestamp":${timestamp}${after},${JSON.stringify(values).slice(1)}`;

  return (tally, timestamp) => {
    const latencies = tally.latencies;
    const first: Record<string, unknown> = tally.counts;
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

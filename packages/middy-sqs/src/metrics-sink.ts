import { OUTCOME_METRIC_NAMES } from '@sfn-callback/task-token';
import { emfDocuments } from './emf-document.js';
import type { MetricsPublisher } from './metrics-options.js';
import { COUNT_NAMES, type OutcomeTally } from './outcome-tally.js';

/** Publishes one invocation's tally. */
export type MetricsSink = (tally: OutcomeTally) => void;

/** Where and how the EMF documents are written. */
export interface EmfSettings {
  readonly namespace: string;
  /** Every dimension, `Service` first. */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly write: (line: string) => void;
}

/** A sink writing the tally as EMF documents, one line each. */
export function emfSink(settings: EmfSettings): MetricsSink {
  const documents = emfDocuments(settings, COUNT_NAMES);
  return (tally) => {
    for (const line of documents(tally, Date.now())) settings.write(line);
  };
}

/** A sink handing the tally to a metrics library (Powertools `Metrics`), published at once. */
export function publisherSink(publisher: MetricsPublisher): MetricsSink {
  return (tally) => {
    for (const [name, value] of Object.entries(tally.counts)) {
      publisher.addMetric(name, 'Count', value);
    }
    for (const value of tally.latencies) {
      publisher.addMetric(OUTCOME_METRIC_NAMES.latency, 'Milliseconds', value);
    }
    if (tally.records.length > 0) publisher.addMetadata?.('records', JSON.stringify(tally.records));
    publisher.publishStoredMetrics();
  };
}

import { OUTCOME_METRIC_NAMES } from '@sfn-callback/task-token';
import { emfDocuments } from './emf-document.js';
import type { ResolvedMetrics } from './metrics-options.js';
import type { OutcomeCounts, OutcomeTally } from './outcome-tally.js';

/** Publishes one invocation's tally: EMF on stdout, the user's metrics library, or nothing. */
export type MetricsSink = ((tally: OutcomeTally) => void) | undefined;

/** The sink for resolved metrics options (`undefined` when metrics are off). */
export function createMetricsSink(metrics: ResolvedMetrics): MetricsSink {
  switch (metrics.kind) {
    case 'off':
      return undefined;
    case 'emf':
      return (tally) => {
        for (const line of emfDocuments(tally, metrics, Date.now())) metrics.write(line);
      };
    case 'publisher': {
      const { publisher } = metrics;
      return (tally) => {
        for (const key of Object.keys(tally.counts) as (keyof OutcomeCounts)[]) {
          publisher.addMetric(OUTCOME_METRIC_NAMES[key], 'Count', tally.counts[key]);
        }
        for (const value of tally.latencies) {
          publisher.addMetric(OUTCOME_METRIC_NAMES.latency, 'Milliseconds', value);
        }
        if (tally.records.length > 0 && publisher.addMetadata) {
          publisher.addMetadata('records', JSON.stringify(tally.records));
        }
        publisher.publishStoredMetrics();
      };
    }
  }
}
